using System.Net;
using System.Net.Sockets;

namespace Search.Cli.Cluster;

/// <summary>Reads the <c>HOST:PORT</c> endpoints of <c>--cluster</c> and <c>--join</c>: an IP address or a host name, and a
/// port.</summary>
internal static class ClusterAddress
{
    /// <summary>The cluster's id and service id, the same in every silo and client the command line starts.</summary>
    public const string ClusterId = "search";

    /// <exception cref="UsageException">The text is not a list of HOST:PORT.</exception>
    public static IPEndPoint[] ParseList(string text, string option)
    {
        string[] parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
            throw new UsageException($"{option} takes HOST:PORT[,HOST:PORT...], such as 127.0.0.1:30000, not '{text}'.");
        return [.. parts.Select(part => Parse(part, option))];
    }

    /// <exception cref="UsageException">The text is not HOST:PORT.</exception>
    public static IPEndPoint Parse(string text, string option)
    {
        int colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port)
            || port is < 1 or > 65535)
        {
            throw new UsageException($"{option} takes HOST:PORT, such as 127.0.0.1:30000 (a port from 1 to 65535), not '{text}'.");
        }
        string host = text[..colon].Trim('[', ']');
        if (IPAddress.TryParse(host, out IPAddress? address))
            return new IPEndPoint(address, port);
        try
        {
            IPAddress[] found = Dns.GetHostAddresses(host);
            IPAddress chosen = found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? found.First();
            return new IPEndPoint(chosen, port);
        }
        catch (Exception e) when (e is SocketException or InvalidOperationException or ArgumentException)
        {
            throw new UsageException($"{option}: cannot resolve the host '{host}' ({e.Message}).");
        }
    }
}
