namespace Customers.Api.Reminders;

/// <summary>The outcome of one send: null error means delivered to the provider.</summary>
public sealed record SendResult(bool Configured, string? Error);
