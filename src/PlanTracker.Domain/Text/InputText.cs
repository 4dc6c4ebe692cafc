using System.Text;

namespace PlanTracker.Domain.Text;

/// <summary>
/// The characters a stored text may hold: those XML 1.0 allows (so every .docx and .xlsx the portal writes stays
/// readable) and PostgreSQL accepts (no NUL). Applied to every string a form or query brings in (the web host's model
/// binder) and again by the document writers, for text that came in another way.
/// </summary>
public static class InputText
{
    /// <summary>
    /// The text without NUL and the other C0 control characters, U+FFFE, U+FFFF and unpaired surrogates; tab, line feed
    /// and carriage return stay, and a vertical tab or form feed (Word's manual line and page breaks, pasted) becomes a
    /// line feed. The same instance when there is nothing to remove.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = FirstUnsafe(text);
        if (first < 0)
        {
            return text;
        }

        var clean = new StringBuilder(text.Length);
        clean.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                clean.Append(c).Append(text[++i]);
            }
            else if (c is '\v' or '\f')
            {
                clean.Append('\n');
            }
            else if (!IsUnsafe(c))
            {
                clean.Append(c);
            }
        }

        return clean.ToString();
    }

    /// <summary>True when <see cref="Clean"/> would change the text.</summary>
    public static bool NeedsCleaning(string text) => FirstUnsafe(text ?? string.Empty) >= 0;

    private static int FirstUnsafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (IsUnsafe(c))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A control character other than tab, LF and CR, a non-character of the BMP, or a surrogate standing alone.</summary>
    private static bool IsUnsafe(char c) =>
        (c < ' ' && c is not ('\t' or '\n' or '\r')) || c is '\uFFFE' or '\uFFFF' || char.IsSurrogate(c);
}
