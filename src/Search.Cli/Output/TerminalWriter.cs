using System.Text;

namespace Search.Cli.Output;

/// <summary>
/// Wraps stdout and stderr so that everything written to them is sanitised as a block of text (<see cref="TerminalText"/>):
/// no command, renderer, library message or System.CommandLine error can send a control character to the terminal by
/// forgetting to sanitise. The only escape codes that pass are the CLI's own colours, through <see cref="WriteStyled"/>.
/// </summary>
/// <remarks>Each write is sanitised on its own, so a surrogate pair split across two writes shows as two
/// <see cref="TerminalText.Replacement"/> characters; the CLI always writes whole strings.</remarks>
internal sealed class TerminalWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    private readonly TextWriter _inner = inner;

    private const string Bold = "\u001b[1;33m";
    private const string Dim = "\u001b[2m";
    private const string Reset = "\u001b[0m";

    public override Encoding Encoding => _inner.Encoding;

    public override void Write(char value) => Write(new ReadOnlySpan<char>(in value));

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (!TerminalText.NeedsSanitising(buffer, keepNewLines: true))
        {
            _inner.Write(buffer);
            return;
        }
        var sanitised = new StringBuilder(buffer.Length);
        TerminalText.Append(sanitised, buffer, keepNewLines: true);
        _inner.Write(sanitised);
    }

    public override void WriteLine() => _inner.WriteLine();

    public override void WriteLine(string? value)
    {
        Write(value);
        _inner.WriteLine();
    }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync() => _inner.FlushAsync();

    /// <summary>Writes <paramref name="text"/> (sanitised like any other) in <paramref name="style"/> when
    /// <paramref name="color"/> is set and <paramref name="output"/> is a terminal writer: the CLI's only way to write
    /// an escape code.</summary>
    public static void WriteStyled(TextWriter output, string text, TerminalStyle style, bool color)
    {
        if (!color || output is not TerminalWriter terminal)
        {
            output.Write(text);
            return;
        }
        terminal._inner.Write(style == TerminalStyle.Match ? Bold : Dim);
        terminal.Write(text);
        terminal._inner.Write(Reset);
    }

    /// <summary>The stream underneath, for Spectre.Console's live progress bar, which draws with escape codes of its own
    /// and is only handed text sanitised with <see cref="TerminalText.Line"/>.</summary>
    public static TextWriter Unwrap(TextWriter writer) => writer is TerminalWriter terminal ? terminal._inner : writer;
}

/// <summary>The CLI's own colours.</summary>
internal enum TerminalStyle
{
    /// <summary>A query match: bold yellow.</summary>
    Match,

    /// <summary>Secondary text (ids, counts): dimmed.</summary>
    Faint,
}
