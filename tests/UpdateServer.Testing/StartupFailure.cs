namespace UpdateServer.Testing;

/// <summary>Reads why a server refused to start: the host wraps the bootstrapper's message in aggregate and inner exceptions.</summary>
public static class StartupFailure
{
    /// <summary>Every message in the exception tree, joined with " | ".</summary>
    public static string Describe(Exception error) => string.Join(" | ", Enumerate(error).Select(e => e.Message));

    private static IEnumerable<Exception> Enumerate(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException!)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Enumerate))
                {
                    yield return inner;
                }
            }
        }
    }
}
