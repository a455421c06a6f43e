using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Customers.Api.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddImportJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "import_chunks",
                columns: table => new
                {
                    tenant_id = table.Column<int>(type: "INTEGER", nullable: false),
                    job_id = table.Column<long>(type: "INTEGER", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_chunks", x => new { x.tenant_id, x.job_id, x.sequence });
                });

            migrationBuilder.CreateTable(
                name: "import_jobs",
                columns: table => new
                {
                    import_job_id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    tenant_id = table.Column<int>(type: "INTEGER", nullable: false),
                    created_by = table.Column<int>(type: "INTEGER", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    dry_run = table.Column<bool>(type: "INTEGER", nullable: false),
                    allow_duplicates = table.Column<bool>(type: "INTEGER", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    columns = table.Column<string>(type: "TEXT", nullable: false),
                    size_bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    total_rows = table.Column<int>(type: "INTEGER", nullable: false),
                    processed_rows = table.Column<int>(type: "INTEGER", nullable: false),
                    created = table.Column<int>(type: "INTEGER", nullable: false),
                    updated = table.Column<int>(type: "INTEGER", nullable: false),
                    failed = table.Column<int>(type: "INTEGER", nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    finished_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    claimed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    claimed_until = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_jobs", x => x.import_job_id);
                    table.ForeignKey(
                        name: "fk_import_jobs_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "tenant_id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "import_row_errors",
                columns: table => new
                {
                    tenant_id = table.Column<int>(type: "INTEGER", nullable: false),
                    job_id = table.Column<long>(type: "INTEGER", nullable: false),
                    row = table.Column<int>(type: "INTEGER", nullable: false),
                    cells = table.Column<string>(type: "TEXT", nullable: false),
                    error = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_row_errors", x => new { x.tenant_id, x.job_id, x.row });
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_jobs_status_import_job_id",
                table: "import_jobs",
                columns: new[] { "status", "import_job_id" });

            migrationBuilder.CreateIndex(
                name: "ix_import_jobs_tenant_id_created_at",
                table: "import_jobs",
                columns: new[] { "tenant_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_chunks");

            migrationBuilder.DropTable(
                name: "import_jobs");

            migrationBuilder.DropTable(
                name: "import_row_errors");
        }
    }
}
