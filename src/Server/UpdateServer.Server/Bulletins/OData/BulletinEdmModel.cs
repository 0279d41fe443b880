using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;
using UpdateServer.Server.Data;

namespace UpdateServer.Server.Bulletins.OData;

/// <summary>The OData model under <c>/odata</c>: bulletins with their affected products, fixed releases and affected devices (camelCase names).</summary>
public static class BulletinEdmModel
{
    public static IEdmModel Create()
    {
        var builder = new ODataConventionModelBuilder { Namespace = "UpdateServer" };
        builder.EnableLowerCamelCase();
        var bulletins = builder.EntitySet<BulletinRecord>("Bulletins");
        bulletins.EntityType.Name = "Bulletin";
        var products = builder.EntitySet<BulletinProductRecord>("AffectedProducts");
        products.EntityType.Name = "AffectedProduct";
        var fixes = builder.EntitySet<BulletinFixRecord>("FixedReleases");
        fixes.EntityType.Name = "FixedRelease";
        var devices = builder.EntitySet<BulletinDeviceRecord>("AffectedDevices");
        devices.EntityType.Name = "AffectedDevice";
        return builder.GetEdmModel();
    }
}
