using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Customers.Api.Customers.Import;

/// <summary>An upload's file (a CSV body, or the 'file' part of a multipart body) saved to a temporary file before any check.</summary>
public static class ImportUpload
{
    public static readonly string[] CsvMediaTypes = ["text/csv", "application/csv", "text/plain", "application/vnd.ms-excel"];

    public const int MaxFileNameLength = 255;

    public sealed record Saved(string? FileName, long Size, ProblemHttpResult? Problem, string? Mapping = null);

    public static async Task<Saved> SaveAsync(HttpRequest request, string path, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return Refused(UnsupportedMediaType());
        }
        if (CsvMediaTypes.Any(t => contentType.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase)))
        {
            return new Saved(null, await CopyAsync(request.Body, path, cancellationToken), null);
        }
        if (!contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(UnsupportedMediaType());
        }
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return Refused(Problems.BadRequest("The multipart body has no boundary"));
        }
        try
        {
            var reader = new MultipartReader(boundary, request.Body);
            Saved? file = null;
            string? mapping = null;
            // The file and the mapping may come in either order.
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                {
                    continue;
                }
                if (disposition.Name.Value == "file" && file is null)
                {
                    var name = disposition.FileNameStar.Value ?? disposition.FileName.Value;
                    file = new Saved(CleanFileName(name), await CopyAsync(section.Body, path, cancellationToken), null);
                }
                else if (disposition.Name.Value == "mapping")
                {
                    mapping = await ReadFieldAsync(section.Body, cancellationToken);
                    if (mapping is null)
                    {
                        return Refused(Problems.BadRequest($"The mapping part is longer than {ImportColumns.MaxMappingLength} characters"));
                    }
                }
            }
            return file is null
                ? Refused(Problems.BadRequest("The multipart body has no part named 'file'"))
                : file with { Mapping = mapping };
        }
        // Cut short, a boundary that never comes, headers too long: the client's body, not our fault.
        // (An oversized body is a BadHttpRequestException, answered 413 elsewhere.)
        catch (Exception e) when (e is InvalidDataException || (e is IOException && e is not BadHttpRequestException))
        {
            return Refused(Problems.BadRequest(
                "The multipart body cannot be read (cut short, without its closing boundary, or with a part's headers too long): send the file as a part named 'file'"));
        }
    }

    /// <summary>
    /// The name as a person would read it: no folders, control, invisible or bidi characters or
    /// half surrogate pairs, at most <see cref="MaxFileNameLength"/> characters (the extension kept).
    /// </summary>
    public static string? CleanFileName(string? sent)
    {
        if (sent is null)
        {
            return null;
        }
        var name = Path.GetFileName(HeaderUtilities.RemoveQuotes(sent).Value ?? "");
        var kept = new StringBuilder(Math.Min(name.Length, MaxFileNameLength * 2));
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                kept.Append(c).Append(name[++i]);
            }
            else if (!char.IsSurrogate(c) && !char.IsControl(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                kept.Append(c);
            }
        }
        name = kept.ToString().Trim();
        if (name.Length > MaxFileNameLength)
        {
            var extension = Path.GetExtension(name);
            extension = extension.Length <= 16 ? extension : "";
            var cut = MaxFileNameLength - extension.Length;
            if (char.IsHighSurrogate(name[cut - 1]))
            {
                cut--;
            }
            name = name[..cut] + extension;
        }
        return name is "" or "." or ".." ? null : name;
    }

    private static async Task<long> CopyAsync(Stream body, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await body.CopyToAsync(file, cancellationToken);
        return file.Length;
    }

    // A form field of at most MaxMappingLength characters; null when longer.
    private static async Task<string?> ReadFieldAsync(Stream body, CancellationToken cancellationToken)
    {
        using var text = new StreamReader(body, Encoding.UTF8);
        var buffer = new char[ImportColumns.MaxMappingLength + 1];
        var read = await text.ReadBlockAsync(buffer, cancellationToken);
        return read > ImportColumns.MaxMappingLength ? null : new string(buffer, 0, read);
    }

    private static Saved Refused(ProblemHttpResult problem) => new(null, 0, problem);

    private static ProblemHttpResult UnsupportedMediaType() => TypedResults.Problem(
        "Send the CSV as a text/csv body, or as multipart/form-data with a part named 'file'",
        statusCode: StatusCodes.Status415UnsupportedMediaType);
}
