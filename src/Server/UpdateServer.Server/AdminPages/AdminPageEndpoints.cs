namespace UpdateServer.Server.AdminPages;

/// <summary>
/// <c>/admin/...</c>: server-rendered, read-only pages for operators — bulletins (list, detail) and the webhook
/// delivery log. They change nothing and carry no secrets; deployments that must not show the fleet to everyone
/// who reaches the server put them behind their reverse proxy's authentication (see docs/bulletins.md).
/// </summary>
public static class AdminPageEndpoints
{
    public static IEndpointRouteBuilder MapAdminPages(this IEndpointRouteBuilder routes)
    {
        var admin = routes.MapGroup("/admin").ExcludeFromDescription();
        admin.MapGet("/", () => TypedResults.Redirect("/admin/bulletins"));
        admin.MapGet("/bulletins", BulletinListPage.RenderAsync).WithName("AdminBulletins");
        admin.MapGet("/bulletins/{id}", BulletinDetailPage.RenderAsync).WithName("AdminBulletin");
        admin.MapGet("/webhooks", WebhookLogPage.RenderAsync).WithName("AdminWebhooks");
        return routes;
    }
}
