using System;
using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace ContactsModule.Api
{
    /// <summary>Tells a failure that proves the request never reached the server from one that may have.</summary>
    internal static class ConnectionFailure
    {
        /// <summary>
        /// True for connection refused, DNS failures, unreachable hosts and TLS handshake failures: the request
        /// was never sent, so it cannot have taken effect and needs no look-up.
        /// </summary>
        public static bool NeverReachedServer(Exception exception)
        {
            for (var ex = exception; ex != null; ex = ex.InnerException)
            {
                if (ex is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.NetworkDown:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                        case SocketError.AddressNotAvailable:
                            return true;
                    }
                }
                if (ex is AuthenticationException) return true;
                if (ex is WebException web)
                {
                    switch (web.Status)
                    {
                        case WebExceptionStatus.NameResolutionFailure:
                        case WebExceptionStatus.ConnectFailure:
                        case WebExceptionStatus.SecureChannelFailure:
                        case WebExceptionStatus.TrustFailure:
                        case WebExceptionStatus.ProxyNameResolutionFailure:
                            return true;
                    }
                }
            }
            return false;
        }
    }
}
