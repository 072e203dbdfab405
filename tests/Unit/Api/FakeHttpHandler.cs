using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ContactsModule.Tests.Api
{
    /// <summary>Answers each request with the next scripted status and body, and keeps what was sent.</summary>
    internal sealed class FakeHttpHandler : HttpMessageHandler
    {
        private readonly Func<int, (int Status, string Body)> _answer;
        private readonly object _gate = new object();

        public FakeHttpHandler(Func<int, (int Status, string Body)> answer) => _answer = answer;

        public List<SentRequest> Requests { get; } = new List<SentRequest>();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            string body = request.Content == null ? null : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            int n;
            lock (_gate)
            {
                Requests.Add(new SentRequest
                {
                    Method = request.Method.Method,
                    Uri = request.RequestUri,
                    Authorization = request.Headers.Authorization?.ToString(),
                    Version = request.Headers.TryGetValues("Version", out var v) ? string.Join(",", v) : null,
                    Body = body,
                });
                n = Requests.Count;
            }
            var (status, text) = _answer(n);
            return new HttpResponseMessage((HttpStatusCode)status)
            {
                Content = new StringContent(text ?? string.Empty, Encoding.UTF8, "application/json"),
                RequestMessage = request,
            };
        }
    }
}
