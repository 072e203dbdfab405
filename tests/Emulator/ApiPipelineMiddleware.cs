using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ContactsEmulator;

/// <summary>
/// Everything every non-admin request goes through, in order: request log, latency, auth (401), 429 storm,
/// rate limit (429), Version header (400), injected errors and drops, then the endpoint.
/// </summary>
public sealed class ApiPipelineMiddleware
{
    private readonly RequestDelegate _next;
    private readonly EmulatorRuntime _runtime;

    public ApiPipelineMiddleware(RequestDelegate next, EmulatorRuntime runtime)
    {
        _next = next;
        _runtime = runtime;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (AdminEndpoints.IsAdminPath(path))
        {
            await _next(context);
            return;
        }

        var config = _runtime.Config;
        // Arrival and duration share one starting point (the request line, before the body is read), so the logged
        // [elapsedMs, elapsedMs + durationMs] is exactly the time the server held the request.
        var started = Stopwatch.GetTimestamp();
        var arrivedMs = _runtime.ElapsedMs;
        var body = await ReadBodyAsync(context);
        bool oauth = OAuthEndpoints.IsOAuthPath(path);
        // OAuth form bodies carry the client secret, refresh tokens and codes: the log keeps fingerprints only.
        var entry = _runtime.Log.Begin(context, oauth ? FormBody.Redact(body) : body, arrivedMs, config.RequestLogLimit);
        var request = new RequestContext { RawBody = body, LogEntry = entry, Faultable = !oauth && FaultInjector.Applies(config, path) };
        context.Features.Set(request);
        // durationMs ends when the response starts: the client cannot have the answer before that, so a logged
        // [arrival, arrival + durationMs] always lies inside the client's own time in flight.
        double? respondedAfterMs = null;
        context.Response.OnStarting(() =>
        {
            respondedAfterMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            return Task.CompletedTask;
        });
        IDisposable slot = null;
        try
        {
            // A queued request is served whatever its client does meanwhile: no abort token while queued or delayed.
            slot = await _runtime.Gate.EnterAsync(config.MaxConcurrentRequests);
            var delay = _runtime.Faults.LatencyMs(config);
            if (delay > 0) await Task.Delay(delay, slot != null ? CancellationToken.None : context.RequestAborted);
            if (oauth) await _next(context); // the OAuth endpoints check their own credentials
            else await ProcessAsync(context, request, config);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            request.Dropped = true; // the client went away
        }
        catch (Exception ex) when (!context.Response.HasStarted && !request.Dropped)
        {
            Console.Error.WriteLine($"ContactsEmulator: unhandled error on {context.Request.Method} {path}: {ex}");
            await ApiResponses.Error(context, 500, "Internal server error", "Internal Server Error", request.TraceId);
        }
        finally
        {
            slot?.Dispose();
            _runtime.Log.Complete(entry, request.Dropped ? 0 : context.Response.StatusCode, request.Fault,
                respondedAfterMs ?? Stopwatch.GetElapsedTime(started).TotalMilliseconds, EndpointName(context));
        }
    }

    private async Task ProcessAsync(HttpContext context, RequestContext request, EmulatorConfig config)
    {
        var token = BearerToken(context.Request.Headers.Authorization.ToString());
        string locationId = null;
        string limiterKey = null;
        string dailyKey = null;
        if (token != null && config.Tokens.TryGetValue(token, out locationId))
        {
            // A Private Integration: its own burst counter per location; the daily counter is shared by every PIT of the location.
            limiterKey = token + "\n" + locationId;
            dailyKey = "pit-daily\n" + locationId;
        }
        else if (token != null && _runtime.OAuth.FindAccessToken(token) is { } issued)
        {
            if (issued.ExpiresAtUtc <= DateTime.UtcNow)
            {
                request.Fault = "tokenExpired";
                SetRateLimitHeaders(context, _runtime.RateLimiter.Peek(string.Empty, config), config);
                await ApiResponses.Unauthorized(context);
                return;
            }
            if (issued.Grant.IsCompany)
            {
                // An agency token is not a sub-account token: it needs /oauth/locationToken first.
                request.Fault = "companyToken";
                SetRateLimitHeaders(context, _runtime.RateLimiter.Peek(string.Empty, config), config);
                await ApiResponses.Error(context, 401, OAuthEndpoints.NotAuthorizedForScope, "Unauthorized");
                return;
            }
            locationId = issued.Grant.LocationId;
            // A Marketplace app: one budget per (app, location), whichever of its tokens is used.
            limiterKey = "app:" + issued.Grant.AppId + "\n" + locationId;
            dailyKey = limiterKey;
        }
        if (limiterKey == null)
        {
            SetRateLimitHeaders(context, _runtime.RateLimiter.Peek(string.Empty, config), config);
            await ApiResponses.Unauthorized(context);
            return;
        }
        request.Token = token;
        request.LocationId = locationId;
        request.LogEntry.TokenLocationId = locationId;

        if (request.Faultable && _runtime.Faults.TakeStormSlot(config))
        {
            request.Fault = "storm429";
            SetRateLimitHeaders(context, _runtime.RateLimiter.Peek(limiterKey, dailyKey, config).Exhausted(), config);
            if (config.Storm429.RetryAfter is { } stormText) context.Response.Headers.RetryAfter = stormText;
            else if (config.RetryAfterText is { } text) context.Response.Headers.RetryAfter = text;
            else if (config.Storm429.RetryAfterSeconds is { } stormRetry) context.Response.Headers.RetryAfter = stormRetry.ToString();
            await ApiResponses.TooManyRequests(context);
            return;
        }

        var limit = _runtime.RateLimiter.TryAcquire(limiterKey, dailyKey, config);
        SetRateLimitHeaders(context, limit, config);
        if (!limit.Allowed)
        {
            request.Fault = "rateLimited";
            if (config.RetryAfterText is { } text) context.Response.Headers.RetryAfter = text;
            else if (config.RetryAfterSeconds is { } retry) context.Response.Headers.RetryAfter = retry.ToString();
            await ApiResponses.TooManyRequests(context);
            return;
        }

        var version = context.Request.Headers["Version"].ToString().Trim();
        if (version.Length == 0)
        {
            await ApiResponses.BadRequest(context, "Version header was not found", request.TraceId);
            return;
        }
        if (config.RetiredApiVersions.Contains(version))
        {
            await ApiResponses.BadRequest(context,
                $"API version {version} has been retired and is no longer supported; use one of: {string.Join(", ", config.ApiVersions)}", request.TraceId);
            return;
        }
        if (!config.ApiVersions.Contains(version))
        {
            await ApiResponses.BadRequest(context,
                $"Version header value {version} is not supported; use one of: {string.Join(", ", config.ApiVersions)}", request.TraceId);
            return;
        }

        if (request.Faultable)
        {
            if (_runtime.Faults.Roll(config.ErrorRate))
            {
                request.Fault = "error";
                await ApiResponses.ServerError(context, _runtime.Faults.PickStatus(500, 502, 503), _runtime.Faults.PickHtml());
                return;
            }
            if (_runtime.Faults.Roll(config.DropBeforeStoreRate))
            {
                request.Fault = "dropBeforeStore";
                request.Dropped = true;
                context.Abort();
                return;
            }
            if (config.OversizedBodyBytes > 0)
            {
                request.Fault = "oversized";
                await WriteOversizedAsync(context, config.OversizedBodyBytes);
                return;
            }
        }

        await _next(context);
    }

    /// <summary>The route template that answered; requests the pipeline refused before routing count under their path.</summary>
    private static string EndpointName(HttpContext context)
    {
        var template = (context.GetEndpoint() as Microsoft.AspNetCore.Routing.RouteEndpoint)?.RoutePattern.RawText;
        if (template != null && !template.StartsWith('/')) template = "/" + template;
        return context.Request.Method + " " + (template ?? context.Request.Path.Value);
    }

    /// <summary>A 200 JSON body of about <paramref name="bytes"/> bytes, written in chunks (no Content-Length), never held whole.</summary>
    private static async Task WriteOversizedAsync(HttpContext context, long bytes)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        var head = Encoding.UTF8.GetBytes("{\"contact\":{\"id\":\"oversized\",\"pad\":\"");
        var tail = Encoding.UTF8.GetBytes("\"}}");
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        await context.Response.Body.WriteAsync(head, context.RequestAborted);
        for (long left = Math.Max(0, bytes - head.Length - tail.Length); left > 0; left -= chunk.Length)
            await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)), context.RequestAborted);
        await context.Response.Body.WriteAsync(tail, context.RequestAborted);
    }

    public static string BearerToken(string authorization)
    {
        const string scheme = "Bearer ";
        if (authorization == null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)) return null;
        var token = authorization[scheme.Length..].Trim();
        return token.Length > 0 ? token : null;
    }

    private static void SetRateLimitHeaders(HttpContext context, RateLimitSnapshot snapshot, EmulatorConfig config)
    {
        var headers = context.Response.Headers;
        headers["X-RateLimit-Max"] = (config.AdvertisedBurstLimit ?? snapshot.Max).ToString();
        headers["X-RateLimit-Remaining"] = snapshot.Remaining.ToString();
        headers["X-RateLimit-Interval-Milliseconds"] = (config.AdvertisedWindowMs ?? snapshot.IntervalMs).ToString();
        headers["X-RateLimit-Limit-Daily"] = snapshot.DailyLimit.ToString();
        headers["X-RateLimit-Daily-Remaining"] = snapshot.DailyRemaining.ToString();
    }

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        return text.Length == 0 ? null : text;
    }
}
