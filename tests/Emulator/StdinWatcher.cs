using Microsoft.Extensions.Hosting;

namespace ContactsEmulator;

/// <summary>Stops the emulator when standard input reaches end of file, so a parent that dies leaves no orphan.</summary>
public static class StdinWatcher
{
    public static void Start(IHostApplicationLifetime lifetime)
    {
        var thread = new Thread(() =>
        {
            try
            {
                using var stdin = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (stdin.Read(buffer, 0, buffer.Length) > 0)
                {
                }
            }
            catch (IOException)
            {
            }
            lifetime.StopApplication();
            // If a graceful stop hangs (e.g. a client holds a connection open), leave anyway.
            Thread.Sleep(TimeSpan.FromSeconds(5));
            Environment.Exit(0);
        })
        {
            IsBackground = true,
            Name = "stdin-watcher",
        };
        thread.Start();
    }
}
