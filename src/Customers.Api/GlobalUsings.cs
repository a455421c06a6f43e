global using System.Text.Json;
global using Customers.Api.Auth;
global using Customers.Api.Customers;
global using Customers.Api.Data;
global using Customers.Api.Extensions;
global using Customers.Api.Tenants;
global using Microsoft.AspNetCore.Http.HttpResults;
global using Microsoft.EntityFrameworkCore;
