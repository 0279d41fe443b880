using UpdateServer.Server.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddUpdateServer();

var app = builder.Build();
app.MapUpdateServer();
await app.RunAsync();
