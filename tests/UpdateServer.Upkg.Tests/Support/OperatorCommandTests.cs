namespace UpdateServer.Upkg.Tests.Support;

/// <summary>Base of the tests of the operator's repository commands: each test gets a fresh <see cref="OperatorTestBed"/>.</summary>
public abstract class OperatorCommandTests : IAsyncLifetime
{
    protected OperatorTestBed Bed { get; } = new();

    public virtual ValueTask InitializeAsync() => Bed.InitializeAsync();

    public virtual async ValueTask DisposeAsync()
    {
        await Bed.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
