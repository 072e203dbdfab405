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
        private readonly Func<string, string, int, (int Status, string Body)> _answer;
        private readonly Task _loop;

        public ScriptedHttpServer(Func<string, string, int, (int Status, string Body)> answer)
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
                var (status, body) = _answer(context.Request.HttpMethod, context.Request.Url.AbsolutePath, ++count);
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
