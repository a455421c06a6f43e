using System.Diagnostics.Metrics;

namespace Customers.Api.Telemetry;

/// <summary>
/// The service's own measurements (§12), on the meter <see cref="MeterName"/>: what the framework's
/// and Npgsql's meters cannot know. Tags carry outcomes only, never a tenant, user or customer.
/// </summary>
public sealed class CustomersMetrics
{
    public const string MeterName = "Customers.Api";

    private readonly Counter<long> _importRows;
    private readonly Histogram<double> _importJobDuration;
    private readonly Counter<long> _bulkItems;
    private readonly Counter<long> _reminders;
    private readonly Counter<long> _rateLimitRejections;

    public CustomersMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _importRows = meter.CreateCounter<long>("customers.import.rows", "{row}", "Import rows written, by outcome (created, updated, failed) and whether the job was a dry run");
        _importJobDuration = meter.CreateHistogram<double>("customers.import.job.duration", "s", "Time from an import job's first claim to its end, by final status");
        _bulkItems = meter.CreateCounter<long>("customers.bulk.items", "{item}", "Items of bulk requests, by operation and outcome");
        _reminders = meter.CreateCounter<long>("customers.reminders", "{reminder}", "Reminder attempts, by channel and status");
        _rateLimitRejections = meter.CreateCounter<long>("customers.rate_limit.rejections", "{request}", "Requests refused with 429, by rate-limit policy");
    }

    public void ImportRows(int created, int updated, int failed, bool dryRun)
    {
        Add(_importRows, created, "outcome", "created", dryRun);
        Add(_importRows, updated, "outcome", "updated", dryRun);
        Add(_importRows, failed, "outcome", "failed", dryRun);
    }

    public void ImportJobFinished(string status, TimeSpan duration) =>
        _importJobDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("status", status));

    public void BulkItems(string operation, string outcome, int count)
    {
        if (count > 0)
        {
            _bulkItems.Add(count, new KeyValuePair<string, object?>("operation", operation), new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public void Reminder(string channel, string status) =>
        _reminders.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("status", status));

    public void RateLimitRejected(string policy) =>
        _rateLimitRejections.Add(1, new KeyValuePair<string, object?>("policy", policy));

    private static void Add(Counter<long> counter, int count, string tag, string value, bool dryRun)
    {
        if (count > 0)
        {
            counter.Add(count, new KeyValuePair<string, object?>(tag, value), new KeyValuePair<string, object?>("dry_run", dryRun));
        }
    }
}
