using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace ContactsModule.Tests.Api
{
    /// <summary>
    /// A real HTTP server on 127.0.0.1 that answers from a script, for client behaviour the emulator cannot
    /// produce on demand (a particular sequence of failures). Records every request it receives.
    /// </summary>
    internal sealed class ScriptedHttpServer : IDisposable
    {
        private readonly HttpListener _listener = new HttpListener();
        private readonly Func<ScriptedRequest, (int Status, string Body)> _answer;
        private readonly Task _loop;

        public ScriptedHttpServer(Func<string, string, int, (int Status, string Body)> answer)
            : this(request => answer(request.Method, request.Path, request.Number))
        {
        }

        /// <summary>A script that also sees each request's body and Authorization header.</summary>
        public ScriptedHttpServer(Func<ScriptedRequest, (int Status, string Body)> answer)
        {
            _answer = answer;
            int port = FreePort();
            BaseUri = new Uri("http://127.0.0.1:" + port + "/");
            _listener.Prefixes.Add(BaseUri.AbsoluteUri);
            _listener.Start();
            _loop = Task.Run(LoopAsync);
        }

        public Uri BaseUri { get; }
        public ConcurrentQueue<string> Requests { get; } = new ConcurrentQueue<string>();
        /// <summary>Every request received, with its body and Authorization header, in arrival order.</summary>
        public ConcurrentQueue<ScriptedRequest> Received { get; } = new ConcurrentQueue<ScriptedRequest>();

        private async Task LoopAsync()
        {
            int count = 0;
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpListenerException || ex is ObjectDisposedException || ex is InvalidOperationException)
                {
                    return;
                }
                string line = context.Request.HttpMethod + " " + context.Request.Url.PathAndQuery;
                Requests.Enqueue(line);
                string requestBody;
                using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
                {
                    requestBody = await reader.ReadToEndAsync().ConfigureAwait(false);
                }
                var request = new ScriptedRequest(context.Request.HttpMethod, context.Request.Url.AbsolutePath, ++count, requestBody,
                    context.Request.Headers["Authorization"]);
                Received.Enqueue(request);
                var (status, body) = _answer(request);
                context.Response.StatusCode = status;
                context.Response.ContentType = "application/json";
                context.Response.Headers["X-RateLimit-Max"] = "100";
                context.Response.Headers["X-RateLimit-Interval-Milliseconds"] = "10000";
                byte[] bytes = Encoding.UTF8.GetBytes(body ?? string.Empty);
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
        }
    }
}
