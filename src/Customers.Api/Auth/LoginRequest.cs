using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Customers.Api.Auth;

public sealed record LoginRequest(string? Username, string? Password);
