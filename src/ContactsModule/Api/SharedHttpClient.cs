using System;
using System.Net;
using System.Net.Http;

namespace ContactsModule.Api
{
    /// <summary>One HttpClient for the process, so sockets are reused across cmdlets and runspaces.</summary>
    internal static class SharedHttpClient
    {
        private static readonly Lazy<HttpClient> Client = new Lazy<HttpClient>(Create);

        public static HttpClient Instance => Client.Value;

        private static HttpClient Create()
        {
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            };
            try
            {
                // .NET Framework allows 2 connections per host by default; the cmdlets keep more in flight.
                handler.MaxConnectionsPerServer = 64;
            }
            catch (PlatformNotSupportedException)
            {
            }
            // Each attempt carries its own timeout (RetryOptions.Timeout).
            return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }
    }
}
