using System.Text;
using PlanTracker.Domain.PlanImport;

namespace PlanTracker.Infrastructure.PlanImport;

/// <summary>
/// Reads the bytes of an uploaded or given plan file into text, refusing what is not a UTF-8 plan text
/// with a one-line reason the planner can act on.
/// </summary>
public static class PlanTextReader
{
    /// <summary>The longest plan we have seen is about 200 KB; 4 MB leaves room without letting noise through.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static PlanTextReadResult Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return PlanTextReadResult.Failure("文件为空");
        }

        if (bytes.Length > MaxBytes)
        {
            return PlanTextReadResult.Failure($"文件过大（{bytes.Length / 1024 / 1024.0:0.#} MB），规划文本不超过 {MaxBytes / 1024 / 1024} MB");
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            return PlanTextReadResult.Failure("不是文本文件（含有二进制内容），请提供 UTF-8 编码的纯文本");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return PlanTextReadResult.Failure("文件不是 UTF-8 编码（可能是 GBK/GB2312），请另存为 UTF-8 后重试");
        }

        return PlanTextReadResult.Success(Normalize(text));
    }

    /// <summary>The parser's own normalisation (BOM dropped, CRLF → LF): stored source spans index this text.</summary>
    public static string Normalize(string text) => PlanTextParser.Normalise(text);
}

public sealed record PlanTextReadResult(string? Text, string? Error)
{
    public static PlanTextReadResult Success(string text) => new(text, null);

    public static PlanTextReadResult Failure(string error) => new(null, error);
}
