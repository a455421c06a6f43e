using System.Text.Json.Serialization;

namespace Customers.Api.Customers.Import;

public sealed record ImportJobResponse(
    long Id, string Status, bool DryRun, int TotalRows, int ProcessedRows, int Created, int Updated, int Failed,
    string? Error, DateTime CreatedAt, DateTime? StartedAt, DateTime? FinishedAt, string Encoding,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FileName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Dictionary<string, string?>? Mapping)
{
    /// <summary>During and after a revert (§8): when, how many created customers were deleted, updated ones restored, and changed ones left as they were.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTime? RevertedAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RevertedDeleted { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RevertedRestored { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? RevertedSkipped { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int[]? RevertedSkippedIds { get; init; }

    public static ImportJobResponse From(ImportJob j)
    {
        var response = new ImportJobResponse(
            j.Id, j.Status, j.DryRun, j.TotalRows, j.ProcessedRows, j.Created, j.Updated, j.Failed, j.Error, j.CreatedAt, j.StartedAt, j.FinishedAt, j.Encoding,
            j.FileName, j.Mapping is null ? null : JsonSerializer.Deserialize<Dictionary<string, string?>>(j.Mapping));
        // While reverting, the counts so far show its progress.
        return j.RevertedAt is null && j.Status != ImportStatus.Reverting ? response : response with
        {
            RevertedAt = j.RevertedAt,
            RevertedDeleted = j.RevertedDeleted,
            RevertedRestored = j.RevertedRestored,
            RevertedSkipped = j.RevertedSkipped,
            RevertedSkippedIds = j.RevertedSkippedIds is null ? [] : JsonSerializer.Deserialize<int[]>(j.RevertedSkippedIds),
        };
    }
}
