global using System.Net;
global using System.Text.Json.Nodes;
global using Customers.Api.Auth;
global using Customers.Api.Customers;
global using Customers.Api.Data;
global using Customers.Api.Tenants;
global using Customers.Api.Tests.Infrastructure;
global using Microsoft.EntityFrameworkCore;
