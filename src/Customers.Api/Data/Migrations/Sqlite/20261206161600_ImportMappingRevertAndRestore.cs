using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Customers.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ImportMappingRevertAndRestore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "mapping",
                table: "import_jobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "reverted_at",
                table: "import_jobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "reverted_by",
                table: "import_jobs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "reverted_deleted",
                table: "import_jobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "reverted_restored",
                table: "import_jobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "reverted_skipped",
                table: "import_jobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "reverted_skipped_ids",
                table: "import_jobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "deleted_at",
                table: "customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "import_created_batches",
                columns: table => new
                {
                    tenant_id = table.Column<int>(type: "INTEGER", nullable: false),
                    job_id = table.Column<long>(type: "INTEGER", nullable: false),
                    first_row = table.Column<int>(type: "INTEGER", nullable: false),
                    customer_ids = table.Column<string>(type: "TEXT", nullable: false),
                    written_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reverted = table.Column<bool>(type: "INTEGER", nullable: false),
                    skipped_ids = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_created_batches", x => new { x.tenant_id, x.job_id, x.first_row });
                });

            migrationBuilder.CreateTable(
                name: "import_updated_rows",
                columns: table => new
                {
                    tenant_id = table.Column<int>(type: "INTEGER", nullable: false),
                    job_id = table.Column<long>(type: "INTEGER", nullable: false),
                    row = table.Column<int>(type: "INTEGER", nullable: false),
                    customer_id = table.Column<int>(type: "INTEGER", nullable: false),
                    before = table.Column<string>(type: "TEXT", nullable: true),
                    written_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reverted = table.Column<bool>(type: "INTEGER", nullable: false),
                    skipped = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_updated_rows", x => new { x.tenant_id, x.job_id, x.row });
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_updated_rows_tenant_id_customer_id",
                table: "import_updated_rows",
                columns: new[] { "tenant_id", "customer_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_created_batches");

            migrationBuilder.DropTable(
                name: "import_updated_rows");

            migrationBuilder.DropColumn(
                name: "mapping",
                table: "import_jobs");

            migrationBuilder.DropColumn(
                name: "reverted_at",
                table: "import_jobs");

            migrationBuilder.DropColumn(
                name: "reverted_by",
                table: "import_jobs");

            migrationBuilder.DropColumn(
                name: "reverted_deleted",
                table: "import_jobs");

            migrationBuilder.DropColumn(
                name: "reverted_restored",
                table: "import_jobs");

            migrationBuilder.DropColumn(
                name: "reverted_skipped",
                table: "import_jobs");

            migrationBuilder.DropColumn(
                name: "reverted_skipped_ids",
                table: "import_jobs");

            migrationBuilder.DropColumn(
                name: "deleted_at",
                table: "customers");
        }
    }
}
