using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Customers.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialCustomersSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "tenants",
                columns: table => new
                {
                    tenant_id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tenants", x => x.tenant_id);
                });

            migrationBuilder.CreateTable(
                name: "customers",
                columns: table => new
                {
                    customer_id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tenant_id = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    address_line_2 = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    city = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    county = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    postcode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    paying_org = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    has_split_payment = table.Column<bool>(type: "INTEGER", nullable: false),
                    provider_split = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    payment_split = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    schedule = table.Column<string>(type: "TEXT", nullable: true),
                    emergency_contact_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    emergency_contact_phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    medical_notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    medication_notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    driver_notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    mobility_requirements = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    reminder_opt_in = table.Column<bool>(type: "INTEGER", nullable: false),
                    reminder_preference = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    is_login_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    username = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    archived = table.Column<bool>(type: "INTEGER", nullable: false),
                    archived_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    archived_by = table.Column<int>(type: "INTEGER", nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_customers", x => x.customer_id);
                    table.ForeignKey(
                        name: "fk_customers_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "tenant_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    user_id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tenant_id = table.Column<int>(type: "INTEGER", nullable: true),
                    username = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    customer_id = table.Column<int>(type: "INTEGER", nullable: true),
                    failed_login_count = table.Column<int>(type: "INTEGER", nullable: false),
                    locked_until = table.Column<DateTime>(type: "TEXT", nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_users_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "tenant_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_created_at",
                table: "customers",
                columns: new[] { "tenant_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_is_active_archived_name",
                table: "customers",
                columns: new[] { "tenant_id", "is_active", "archived", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_paying_org",
                table: "customers",
                columns: new[] { "tenant_id", "paying_org" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_phone",
                table: "customers",
                columns: new[] { "tenant_id", "phone" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_postcode",
                table: "customers",
                columns: new[] { "tenant_id", "postcode" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_tenant_id_updated_at",
                table: "customers",
                columns: new[] { "tenant_id", "updated_at" });

            migrationBuilder.CreateIndex(
                name: "ux_customers_tenant_username",
                table: "customers",
                columns: new[] { "tenant_id", "username" },
                unique: true,
                filter: "username IS NOT NULL AND is_active");

            migrationBuilder.CreateIndex(
                name: "ix_users_tenant_id_role",
                table: "users",
                columns: new[] { "tenant_id", "role" });

            migrationBuilder.CreateIndex(
                name: "ix_users_username",
                table: "users",
                column: "username",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customers");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "tenants");
        }
    }
}
