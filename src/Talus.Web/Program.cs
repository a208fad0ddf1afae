using Scalar.AspNetCore;
using Talus.Web;
using Talus.Web.Components;
using Talus.Web.Data;
using Talus.Web.Features;
using Talus.Web.Features.Admin;
using Talus.Web.Features.Audit;
using Talus.Web.Features.Auth;
using Talus.Web.Features.ClinicalRules;
using Talus.Web.Features.Candidacy;
using Talus.Web.Features.DecisionAid;
using Talus.Web.Features.Evaluation;
using Talus.Web.Features.Consultations;
using Talus.Web.Features.Intake;
using Talus.Web.Features.Patients;
using Talus.Web.Features.Portal;
using Talus.Web.Features.Settings;
using Talus.Web.Features.Scheduling;
using Talus.Web.Features.Consent;
using Talus.Web.Features.Plan;
using Talus.Web.Features.Procedure;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddClinicDb(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddTalusAuth();
builder.Services.AddTalusErrors();
builder.Services.AddTalusAudit();
builder.Services.AddTalusOpenApi();
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.AddRazorComponents();
builder.Services.AddCascadingAuthenticationState();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
builder.Services.AddScoped<PatientAccess>();
builder.Services.AddPracticeSettings();
builder.Services.AddClinicalRules();
builder.Services.AddHostedService<ReminderWorker>();
builder.Services.AddPublicFormRateLimit(builder.Configuration);
builder.Services.AddScoped<LinkAccess>();

var app = builder.Build();

await Startup.PrepareDatabaseAsync(app, args);

app.UseTalusErrors();
app.UseRequestLocalization("en", "es");
app.UseStaticFiles();
app.UseNoStore();
app.UseAuthentication();
app.UseAuthorization();
app.UseMiddleware<PatientDataMiddleware>();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapHealthChecks("/health").AllowAnonymous();
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/api/docs").AllowAnonymous();
app.MapAuthEndpoints();
app.MapPatientEndpoints();
app.MapAdminEndpoints();
app.MapAuditEndpoints();
app.MapClinicalRulesEndpoints();
app.MapSettingsEndpoints();
app.MapEvaluation();
app.MapCandidacy();
app.MapDecisionAid();
app.MapSchedulingEndpoints();
app.MapPlanEndpoints();
app.MapConsentEndpoints();
app.MapProcedureEndpoints();
app.MapConsultationEndpoints();
app.MapIntakeEndpoints();
app.MapPortalAccountEndpoints();
app.MapRazorComponents<App>();

Startup.PrintWelcome(app);
await app.RunAsync();
