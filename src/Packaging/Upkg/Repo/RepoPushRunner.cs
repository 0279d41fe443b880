using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using UpdateServer.Packaging.Repository;
using UpdateServer.Upkg.Cli;
using UpdateServer.Upkg.Publish;

namespace UpdateServer.Upkg.Repo;

/// <summary>
/// Sends the committed repository documents (every <c>N.root.json</c> and <c>root.json</c>, <c>targets.json</c>,
/// <c>vendors.json</c>) to a running server's administration API with the operator key. The server imports only
/// what verifies and answers with the versions it now serves.
/// </summary>
public sealed class RepoPushRunner(HttpClient http)
{
    private static readonly JsonSerializerOptions ReplyOptions = new(JsonSerializerDefaults.Web);

    /// <exception cref="UpkgException">The server refused or could not be reached.</exception>
    public async Task<RepoPushResult> RunAsync(string repositoryDirectory, Uri server, string operatorKey, CancellationToken cancellationToken)
    {
        var repository = new OperatorRepository(repositoryDirectory);
        // Pushing the committed files while a change is pending would send what the operator is replacing (a vendor
        // list with an API key about to be revoked, say); the server would take it as current.
        if (repository.PendingPaths is { Count: > 0 } pending)
        {
            throw new UpkgException(
                $"there are pending changes ({string.Join(", ", pending.Select(repository.RelativePath))}); " +
                "'upkg repo commit' them (or remove pending/) before pushing.");
        }

        using var content = new MultipartFormDataContent();
        foreach (var root in Directory.GetFiles(repository.ServerDirectory, "*.root.json").Append(Path.Combine(repository.ServerDirectory, ServerRepositoryFiles.Root)))
        {
            content.Add(Part(root), "root", Path.GetFileName(root));
        }

        content.Add(Part(Path.Combine(repository.ServerDirectory, ServerRepositoryFiles.Targets)), "targets", ServerRepositoryFiles.Targets);
        content.Add(Part(Path.Combine(repository.ServerDirectory, ServerRepositoryFiles.Vendors)), "vendors", ServerRepositoryFiles.Vendors);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "api/v1/admin/repository")) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorKey);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new UpkgException($"cannot reach {server}: {e.Message}", e);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var problem = await ServerProblem.ReadAsync(response, cancellationToken);
                throw new UpkgException($"push refused: {problem.Detail} ({problem.Status} {problem.Type})");
            }

            return await response.Content.ReadFromJsonAsync<RepoPushResult>(ReplyOptions, cancellationToken)
                ?? throw new UpkgException("the server's answer is empty.");
        }
    }

    private static ByteArrayContent Part(string path)
    {
        var part = new ByteArrayContent(File.ReadAllBytes(path));
        part.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return part;
    }
}
