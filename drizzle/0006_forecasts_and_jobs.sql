CREATE TABLE "brief_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"brief_id" uuid,
	"input" jsonb NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"stage" text DEFAULT 'Waiting for a worker' NOT NULL,
	"progress_pct" integer DEFAULT 0 NOT NULL,
	"error" text,
	"field_errors" jsonb,
	"result_version" integer,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contract_forecasts" (
	"contract_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"input_key" text,
	"stamp" text,
	"inputs_read_at" timestamp with time zone,
	"as_of" date,
	"status" text DEFAULT 'pending' NOT NULL,
	"message" text,
	"headline" jsonb,
	"result" jsonb,
	"last_burn" jsonb,
	"computed_at" timestamp with time zone,
	"requested_key" text,
	"requested_at" timestamp with time zone,
	"last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scenario_comparisons" (
	"contract_id" uuid NOT NULL,
	"key" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"message" text,
	"result" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"computed_at" timestamp with time zone,
	CONSTRAINT "scenario_comparisons_contract_id_key_pk" PRIMARY KEY("contract_id","key")
);
--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "forecast_basis" text;--> statement-breakpoint
ALTER TABLE "brief_jobs" ADD CONSTRAINT "brief_jobs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_jobs" ADD CONSTRAINT "brief_jobs_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_jobs" ADD CONSTRAINT "brief_jobs_brief_id_briefs_id_fk" FOREIGN KEY ("brief_id") REFERENCES "public"."briefs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brief_jobs" ADD CONSTRAINT "brief_jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_forecasts" ADD CONSTRAINT "contract_forecasts_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contract_forecasts" ADD CONSTRAINT "contract_forecasts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_comparisons" ADD CONSTRAINT "scenario_comparisons_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "scenario_comparisons" ADD CONSTRAINT "scenario_comparisons_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "brief_jobs_workspace_idx" ON "brief_jobs" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "brief_jobs_contract_idx" ON "brief_jobs" USING btree ("contract_id");--> statement-breakpoint
CREATE INDEX "contract_forecasts_workspace_idx" ON "contract_forecasts" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "scenario_comparisons_workspace_idx" ON "scenario_comparisons" USING btree ("workspace_id");