using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContactsEmulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

EmulatorOptions options;
EmulatorConfig config;
try
{
    options = EmulatorOptions.Parse(args);
    config = LoadConfig(options.ConfigPath);
}
catch (Exception ex) when (ex is ArgumentException or IOException or JsonException)
{
    Console.Error.WriteLine($"ContactsEmulator: {ex.Message}");
    Console.Error.WriteLine("usage: ContactsEmulator [--port N] [--config path.json] [--exit-on-stdin-close]");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
{
    Args = [],
    ContentRootPath = AppContext.BaseDirectory,
});
builder.Logging.ClearProviders();
// Warnings and errors only, to stderr: stdout carries just the EMULATOR_LISTENING line.
builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(IPAddress.Loopback, options.Port);
    kestrel.Limits.MaxRequestBodySize = 256L * 1024 * 1024;
    kestrel.AddServerHeader = false;
});

var runtime = new EmulatorRuntime(config);
builder.Services.AddSingleton(runtime);

var app = builder.Build();
app.UseMiddleware<ApiPipelineMiddleware>();
app.UseRouting();
ContactEndpoints.Map(app, runtime);
CustomFieldEndpoints.Map(app, runtime);
LocationEndpoints.Map(app, runtime);
ContactActivityEndpoints.Map(app, runtime);
OAuthEndpoints.Map(app, runtime);
AdminEndpoints.Map(app, runtime, app.Lifetime);
app.MapFallback(ctx =>
{
    var body = new JsonObject
    {
        ["statusCode"] = 404,
        ["message"] = $"Cannot {ctx.Request.Method} {ctx.Request.Path}",
        ["error"] = "Not Found",
    };
    return ApiResponses.Json(ctx, 404, body);
});

await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
Console.Out.WriteLine($"EMULATOR_LISTENING http://127.0.0.1:{new Uri(address).Port}");
Console.Out.Flush();

if (options.ExitOnStdinClose) StdinWatcher.Start(app.Lifetime);
await app.WaitForShutdownAsync();
return 0;

static EmulatorConfig LoadConfig(string path)
{
    var config = new EmulatorConfig();
    if (path == null) return config;
    if (JsonNode.Parse(File.ReadAllText(path)) is not JsonObject patch)
        throw new ArgumentException($"config file {path} must hold a JSON object");
    var merged = config.Merge(patch, out var errors);
    if (merged == null) throw new ArgumentException($"config file {path}: {string.Join("; ", errors)}");
    return merged;
}
