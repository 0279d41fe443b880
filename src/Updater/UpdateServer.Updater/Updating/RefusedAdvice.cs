namespace UpdateServer.Updater.Updating;

/// <summary>Advice from the check API that the signed metadata does not support; it is never acted on.</summary>
public sealed record RefusedAdvice(string Product, string TargetPath, string Reason);
