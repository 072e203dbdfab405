// A PowerShell host that writes nothing to the console: everything a cmdlet shows on the host (What if: lines,
// Write-Host, Out-Host, rendered errors, verbose/warning/debug lines that reach the host) is kept as text.
// EmulatorHarness.psm1 runs script blocks in a runspace with this host (Invoke-WithCapturedHost).
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace ContactsModuleTests
{
    public sealed class CapturingHost : PSHost
    {
        private readonly Guid _instanceId = Guid.NewGuid();
        private readonly CapturingHostUserInterface _ui = new CapturingHostUserInterface();

        public override string Name => "ContactsModuleTests.CapturingHost";
        public override Version Version => new Version(1, 0);
        public override Guid InstanceId => _instanceId;
        public override PSHostUserInterface UI => _ui;
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

        /// <summary>Everything written to the host so far.</summary>
        public string Text => _ui.Text;

        public override void SetShouldExit(int exitCode) { }
        public override void EnterNestedPrompt() => throw new NotSupportedException("The capturing host has no prompt.");
        public override void ExitNestedPrompt() => throw new NotSupportedException("The capturing host has no prompt.");
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
    }

    public sealed class CapturingHostUserInterface : PSHostUserInterface
    {
        private readonly StringBuilder _text = new StringBuilder();
        private readonly CapturingRawUserInterface _rawUI = new CapturingRawUserInterface();

        public string Text { get { lock (_text) { return _text.ToString(); } } }
        public override PSHostRawUserInterface RawUI => _rawUI;

        private void Append(string value) { lock (_text) { _text.Append(value); } }

        public override void Write(string value) => Append(value);
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);
        public override void WriteLine(string value) => Append(value + "\n");
        public override void WriteErrorLine(string value) => Append(value + "\n");
        public override void WriteDebugLine(string message) => Append("DEBUG: " + message + "\n");
        public override void WriteVerboseLine(string message) => Append("VERBOSE: " + message + "\n");
        public override void WriteWarningLine(string message) => Append("WARNING: " + message + "\n");
        public override void WriteProgress(long sourceId, ProgressRecord record) { }

        // Nothing can answer: a test that reaches a prompt fails instead of hanging.
        public override string ReadLine() => throw new NotSupportedException("The capturing host cannot read input.");
        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("The capturing host cannot read input.");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new NotSupportedException("The capturing host cannot prompt: " + message);
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new NotSupportedException("The capturing host cannot prompt: " + message);
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
            PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new NotSupportedException("The capturing host cannot prompt: " + message);
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw new NotSupportedException("The capturing host cannot prompt: " + message);
    }

    // A wide, fixed-size window, so that formatted output is not wrapped at a console's width.
    public sealed class CapturingRawUserInterface : PSHostRawUserInterface
    {
        private Size _size = new Size(1000, 50);

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get => _size; set => _size = value; }
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; }
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize => _size;
        public override Size MaxWindowSize => _size;
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get => _size; set => _size = value; }
        public override string WindowTitle { get; set; } = string.Empty;

        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("The capturing host cannot read keys.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
