using UpdateServer.Server.Hosting;

// appsettings.json is read from beside the server's binaries, wherever it is started from.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddUpdateServer();

var app = builder.Build();
app.MapUpdateServer();
await app.RunAsync();
