using UpdateServer.Updater.Hooks;

namespace UpdateServer.Updater.Installing;

/// <summary>A hook of the running transaction failed; the installer undoes the transaction and reports a <see cref="HookFailedException"/>.</summary>
internal sealed class HookStepFailedException(HookResult result) : Exception(result.Failure)
{
    public HookResult Result { get; } = result;
}
