namespace UpdateServer.Updater.Transactions;

/// <summary><c>updater rollback</c> has nothing to return to: the product is not installed, no older version is kept, or it is damaged.</summary>
public sealed class RollbackUnavailableException(string message) : Exception(message);
