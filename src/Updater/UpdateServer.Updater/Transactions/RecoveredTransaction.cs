using UpdateServer.Updater.Hooks;

namespace UpdateServer.Updater.Transactions;

/// <summary>A transaction a crash left unfinished and what the start-up did with it: finished (committed) or undone.</summary>
public sealed record RecoveredTransaction(ApplyJournal Journal, bool Committed, IReadOnlyList<HookResult> Hooks);
