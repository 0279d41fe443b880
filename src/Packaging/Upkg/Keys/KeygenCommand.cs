using System.CommandLine;
using UpdateServer.Upkg.Cli;

namespace UpdateServer.Upkg.Keys;

/// <summary><c>upkg keygen --out PREFIX [--algorithm ed25519|ecdsa-p256|rsa-pss] [--json]</c>.</summary>
public static class KeygenCommand
{
    public static Command Create(UpkgEnvironment environment)
    {
        var outPrefix = new Option<string>("--out")
        {
            Description = "Path prefix of the key files: writes PREFIX.key (private, mode 0600) and PREFIX.pub.json (public)",
            HelpName = "PREFIX",
            Required = true,
        };
        var algorithm = new Option<string>("--algorithm")
        {
            Description = "Key algorithm",
            DefaultValueFactory = _ => KeyAlgorithmNames.Ed25519,
        };
        algorithm.AcceptOnlyFromAmong([.. KeyAlgorithmNames.All]);
        var json = CommonOptions.Json();

        var command = new Command("keygen", "Create a signing key pair (vendor, root or targets key)") { outPrefix, algorithm, json };
        command.SetAction(parse =>
        {
            var options = new KeygenOptions(parse.GetRequiredValue(outPrefix), KeyAlgorithmNames.Parse(parse.GetRequiredValue(algorithm)));
            var result = KeygenRunner.Run(options);
            var output = new CommandOutput(environment, parse.GetValue(json));
            if (output.Json)
            {
                output.WriteJson(result);
            }
            else
            {
                output.Writer.WriteLine(result.KeyId);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
