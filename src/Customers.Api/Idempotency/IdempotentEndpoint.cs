namespace Customers.Api.Idempotency;

/// <summary>Endpoint metadata: this endpoint honours the Idempotency-Key header.</summary>
public sealed class IdempotentEndpoint;
