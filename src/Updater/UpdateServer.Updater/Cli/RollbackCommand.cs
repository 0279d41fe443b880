using System.CommandLine;

namespace UpdateServer.Updater.Cli;

/// <summary><c>updater rollback PRODUCT</c>: back to the newest kept older version, which stays until something newer comes.</summary>
public static class RollbackCommand
{
    public static Command Create(GlobalOptions options, Func<CliOutput> output)
    {
        var product = new Argument<string>("product") { Description = "The product to return to its previous version" };
        var rollback = new Command("rollback", "Return a product to the previous kept version (checked file by file first) and hold the one it leaves") { product };
        rollback.SetAction((parse, ct) => UpdateCommands.RunAsync(parse, options, output(), async (runner, o, json) =>
        {
            var result = await runner.RollbackAsync(parse.GetRequiredValue(product), ct);
            if (json)
            {
                o.WriteJson(ResultView.Of(result));
            }
            else
            {
                o.WriteLine($"{result.Product}: {result.Error}; the next apply keeps it there (updater unhold {result.Product} releases the newer one).");
            }

            return 0;
        }));
        return rollback;
    }
}
