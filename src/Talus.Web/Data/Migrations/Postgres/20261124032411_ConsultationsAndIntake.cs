using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ConsultationsAndIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RecentFeverOrIllness",
                table: "Intakes",
                type: "boolean",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ConsultationRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GivenName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    FamilyName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    Phone = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Email = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PreferredLocationId = table.Column<int>(type: "integer", nullable: true),
                    Joint = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Side = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Question = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    PreferredLanguage = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ConsentToContact = table.Column<bool>(type: "boolean", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    HandledNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    HandledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HandledBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultationRequests_Locations_PreferredLocationId",
                        column: x => x.PreferredLocationId,
                        principalTable: "Locations",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationRequests_PreferredLocationId",
                table: "ConsultationRequests",
                column: "PreferredLocationId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationRequests_Status_ReceivedAt",
                table: "ConsultationRequests",
                columns: new[] { "Status", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsultationRequests");

            migrationBuilder.DropColumn(
                name: "RecentFeverOrIllness",
                table: "Intakes");
        }
    }
}
