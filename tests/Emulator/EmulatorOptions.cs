using System.Globalization;

namespace ContactsEmulator;

/// <summary>Command-line options: --port N, --config path.json, --exit-on-stdin-close.</summary>
public sealed class EmulatorOptions
{
    public int Port { get; private set; }
    public string ConfigPath { get; private set; }
    public bool ExitOnStdinClose { get; private set; }

    public static EmulatorOptions Parse(string[] args)
    {
        var options = new EmulatorOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--port":
                    if (i + 1 >= args.Length || !int.TryParse(args[++i], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
                        throw new ArgumentException("--port needs a number between 0 and 65535");
                    options.Port = port;
                    break;
                case "--config":
                    if (i + 1 >= args.Length) throw new ArgumentException("--config needs a file path");
                    options.ConfigPath = args[++i];
                    break;
                case "--exit-on-stdin-close":
                    options.ExitOnStdinClose = true;
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        return options;
    }
}
