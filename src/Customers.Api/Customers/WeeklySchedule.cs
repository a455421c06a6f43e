using System.Globalization;
using System.Text.Json.Serialization;

namespace Customers.Api.Customers;

/// <summary>A customer's regular trips: at most one per weekday.</summary>
public sealed record WeeklySchedule
{
    public static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ScheduleDay? Monday { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ScheduleDay? Tuesday { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ScheduleDay? Wednesday { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ScheduleDay? Thursday { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ScheduleDay? Friday { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ScheduleDay? Saturday { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public ScheduleDay? Sunday { get; init; }

    // "9:05" is read as 09:05 (spreadsheets drop the leading zero); stored and returned as HH:MM.
    private static readonly string[] TimeFormats = ["HH:mm", "H:mm"];

    private static readonly JsonSerializerOptions StorageOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public string ToJson() => JsonSerializer.Serialize(this, StorageOptions);

    /// <summary>
    /// The same JSON written for people (the export's Schedule column, §8): letters, apostrophes
    /// and ampersands as typed, not <c>\u0027</c>. Never put in HTML; a CSV cell is neutralised
    /// against formulas like any other.
    /// </summary>
    public string ToReadableJson() => JsonSerializer.Serialize(this, ReadableOptions);

    private static readonly JsonSerializerOptions ReadableOptions = new(StorageOptions)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static WeeklySchedule? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<WeeklySchedule>(json, StorageOptions);

    /// <summary>
    /// Reads a schedule object, reporting every problem under its JSON path
    /// (<c>schedule.monday.pickup_time</c>). Returns null when there are errors or no days.
    /// </summary>
    public static WeeklySchedule? Parse(JsonElement value, string path, IDictionary<string, List<string>> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            CustomerRules.AddError(errors, path, "Schedule must be an object with weekday keys (monday … sunday) or null");
            return null;
        }
        var days = new Dictionary<string, ScheduleDay>();
        var failed = false;
        foreach (var property in value.EnumerateObject())
        {
            var dayPath = $"{path}.{property.Name}";
            if (!Days.Contains(property.Name))
            {
                CustomerRules.AddError(errors, dayPath, $"Unknown weekday '{property.Name}': use monday … sunday");
                failed = true;
                continue;
            }
            var day = ParseDay(property.Value, dayPath, errors);
            if (day is null)
            {
                failed = true;
            }
            else
            {
                days[property.Name] = day;
            }
        }
        if (failed || days.Count == 0)
        {
            return null;
        }
        return new WeeklySchedule
        {
            Monday = days.GetValueOrDefault("monday"),
            Tuesday = days.GetValueOrDefault("tuesday"),
            Wednesday = days.GetValueOrDefault("wednesday"),
            Thursday = days.GetValueOrDefault("thursday"),
            Friday = days.GetValueOrDefault("friday"),
            Saturday = days.GetValueOrDefault("saturday"),
            Sunday = days.GetValueOrDefault("sunday"),
        };
    }

    private static ScheduleDay? ParseDay(JsonElement value, string path, IDictionary<string, List<string>> errors)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            CustomerRules.AddError(errors, path, "A schedule day must be an object with pickup_time, return_time and destination");
            return null;
        }
        string? pickup = null, returnTime = null, destination = null;
        var ok = true;
        foreach (var property in value.EnumerateObject())
        {
            var fieldPath = $"{path}.{property.Name}";
            switch (property.Name)
            {
                case "pickup_time":
                    pickup = ReadTime(property.Value, fieldPath, errors, ref ok);
                    break;
                case "return_time":
                    returnTime = property.Value.ValueKind == JsonValueKind.Null ? null : ReadTime(property.Value, fieldPath, errors, ref ok);
                    break;
                case "destination":
                    if (property.Value.ValueKind == JsonValueKind.Null)
                    {
                        break;
                    }
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        CustomerRules.AddError(errors, fieldPath, "Destination must be a string");
                        ok = false;
                        break;
                    }
                    destination = TextCleaner.Clean(property.Value.GetString()!, multiline: false);
                    if (destination.Length > CustomerRules.DestinationMaxLength)
                    {
                        CustomerRules.AddError(errors, fieldPath, $"Destination must be at most {CustomerRules.DestinationMaxLength} characters");
                        ok = false;
                    }
                    destination = destination.Length == 0 ? null : destination;
                    break;
                default:
                    CustomerRules.AddError(errors, fieldPath, $"Unknown schedule field '{property.Name}': use pickup_time, return_time, destination");
                    ok = false;
                    break;
            }
        }
        if (ok && pickup is null)
        {
            CustomerRules.AddError(errors, $"{path}.pickup_time", "Pickup time is required (HH:MM)");
            ok = false;
        }
        if (ok && returnTime is not null && string.CompareOrdinal(returnTime, pickup) <= 0)
        {
            CustomerRules.AddError(errors, $"{path}.return_time", "Return time must be later than pickup time");
            ok = false;
        }
        return ok ? new ScheduleDay(pickup!, returnTime, destination) : null;
    }

    private static string? ReadTime(JsonElement value, string path, IDictionary<string, List<string>> errors, ref bool ok)
    {
        if (value.ValueKind == JsonValueKind.String
            && TimeOnly.TryParseExact(value.GetString()!.Trim(), TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time.ToString("HH:mm", CultureInfo.InvariantCulture);
        }
        CustomerRules.AddError(errors, path, "Time must be HH:MM (24-hour, e.g. 09:30)");
        ok = false;
        return null;
    }
}
