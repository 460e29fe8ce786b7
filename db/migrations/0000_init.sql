CREATE TABLE "statuses" (
	"id" serial PRIMARY KEY NOT NULL,
	"domain" varchar(32) NOT NULL,
	"code" varchar(32) NOT NULL,
	"name" varchar(100) NOT NULL,
	"is_final" boolean DEFAULT false NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statuses_domain_code_key" UNIQUE("domain","code"),
	CONSTRAINT "statuses_domain_check" CHECK (domain in ('project','milestone','task','task_step','checklist','checklist_item','task_request'))
);
--> statement-breakpoint
CREATE TABLE "entities" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"parent_id" integer,
	"root_id" integer,
	"path" varchar(512) DEFAULT '/' NOT NULL,
	"default_language_id" integer,
	"time_zone" varchar(64) DEFAULT 'UTC' NOT NULL,
	"score_weights" jsonb,
	"advanced_threshold" numeric(4, 3) DEFAULT 0.8 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "entities_advanced_threshold_check" CHECK ("entities"."advanced_threshold" between 0 and 1)
);
--> statement-breakpoint
CREATE TABLE "professions" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"description" varchar(500),
	"entity_id" integer,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" varchar(254) NOT NULL,
	"name" varchar(100) NOT NULL,
	"role" varchar(16) DEFAULT 'employee' NOT NULL,
	"entity_id" integer NOT NULL,
	"manager_id" integer,
	"profession_id" integer,
	"language_id" integer,
	"time_zone" varchar(64),
	"password_hash" text,
	"phone_enc" text,
	"personal_notes_enc" text,
	"emergency_contact_enc" text,
	"session_version" integer DEFAULT 1 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"hired_at" timestamp with time zone,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "users_role_check" CHECK (role in ('admin','manager','employee'))
);
--> statement-breakpoint
CREATE TABLE "formats" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(32) NOT NULL,
	"name" varchar(100) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "formats_code_key" UNIQUE("code"),
	CONSTRAINT "formats_code_check" CHECK (code in ('text','video','interactive'))
);
--> statement-breakpoint
CREATE TABLE "guide_acknowledgements" (
	"id" serial PRIMARY KEY NOT NULL,
	"guide_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"language_id" integer,
	"guide_version" integer DEFAULT 1 NOT NULL,
	"acknowledged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guide_acknowledgements_guide_user_key" UNIQUE("guide_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "guide_translations" (
	"id" serial PRIMARY KEY NOT NULL,
	"guide_id" integer NOT NULL,
	"language_id" integer NOT NULL,
	"title" varchar(200) NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"media_url" varchar(2048),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "guide_translations_guide_language_key" UNIQUE("guide_id","language_id")
);
--> statement-breakpoint
CREATE TABLE "guideables" (
	"guide_id" integer NOT NULL,
	"guideable_id" bigint NOT NULL,
	"guideable_type" varchar(255) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guideables_pkey" PRIMARY KEY("guide_id","guideable_type","guideable_id"),
	CONSTRAINT "guideables_type_check" CHECK (guideable_type in ('project_template','milestone_template','task_template','step_template','checklist_item'))
);
--> statement-breakpoint
CREATE TABLE "guides" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"format_id" integer NOT NULL,
	"entity_id" integer,
	"created_by" integer,
	"is_published" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "languages" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" varchar(35) NOT NULL,
	"name" varchar(100) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "languages_code_key" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "milestone_template_task_template" (
	"milestone_template_id" integer NOT NULL,
	"task_template_id" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "milestone_template_task_template_pkey" PRIMARY KEY("milestone_template_id","task_template_id"),
	CONSTRAINT "milestone_template_task_template_position_key" UNIQUE("milestone_template_id","position")
);
--> statement-breakpoint
CREATE TABLE "milestone_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"description" varchar(500),
	"entity_id" integer,
	"is_draft" boolean NOT NULL,
	"expected_hours" numeric(7, 2) DEFAULT 0 NOT NULL,
	"lineage_id" integer,
	"revision" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "milestone_templates_lineage_revision_key" UNIQUE("lineage_id","revision"),
	CONSTRAINT "milestone_templates_expected_hours_check" CHECK ("milestone_templates"."expected_hours" >= 0)
);
--> statement-breakpoint
CREATE TABLE "project_template_milestone_template" (
	"project_template_id" integer NOT NULL,
	"milestone_template_id" integer NOT NULL,
	"position" integer NOT NULL,
	"start_offset_days" integer DEFAULT 0 NOT NULL,
	"duration_days" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "project_template_milestone_template_pkey" PRIMARY KEY("project_template_id","milestone_template_id"),
	CONSTRAINT "project_template_milestone_template_position_key" UNIQUE("project_template_id","position"),
	CONSTRAINT "project_template_milestone_template_offset_check" CHECK ("project_template_milestone_template"."start_offset_days" >= 0),
	CONSTRAINT "project_template_milestone_template_duration_check" CHECK ("project_template_milestone_template"."duration_days" >= 1)
);
--> statement-breakpoint
CREATE TABLE "project_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"description" varchar(500),
	"entity_id" integer,
	"profession_id" integer,
	"duration_days" integer NOT NULL,
	"is_draft" boolean DEFAULT true NOT NULL,
	"lineage_id" integer,
	"revision" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "project_templates_lineage_revision_key" UNIQUE("lineage_id","revision"),
	CONSTRAINT "project_templates_duration_check" CHECK ("project_templates"."duration_days" >= 5)
);
--> statement-breakpoint
CREATE TABLE "step_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"description" varchar(500),
	"process_definition" jsonb,
	"kind" varchar(16) DEFAULT 'instruction' NOT NULL,
	"entity_id" integer,
	"is_draft" boolean DEFAULT true NOT NULL,
	"lineage_id" integer,
	"revision" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "step_templates_lineage_revision_key" UNIQUE("lineage_id","revision"),
	CONSTRAINT "step_templates_kind_check" CHECK (kind in ('instruction','checklist','quiz','submission')),
	CONSTRAINT "step_templates_kind_matches_definition" CHECK ("step_templates"."process_definition" is null or "step_templates"."process_definition"->>'type' = "step_templates"."kind")
);
--> statement-breakpoint
CREATE TABLE "task_temp_parent_task_temp" (
	"task_template_id" integer NOT NULL,
	"parent_task_template_id" integer NOT NULL,
	CONSTRAINT "task_temp_parent_task_temp_pkey" PRIMARY KEY("task_template_id","parent_task_template_id"),
	CONSTRAINT "task_temp_parent_task_temp_not_self" CHECK ("task_temp_parent_task_temp"."task_template_id" <> "task_temp_parent_task_temp"."parent_task_template_id")
);
--> statement-breakpoint
CREATE TABLE "task_template_profession" (
	"task_template_id" integer NOT NULL,
	"profession_id" bigint NOT NULL,
	CONSTRAINT "task_template_profession_pkey" PRIMARY KEY("task_template_id","profession_id")
);
--> statement-breakpoint
CREATE TABLE "task_template_step_template" (
	"task_template_id" integer NOT NULL,
	"step_template_id" integer NOT NULL,
	"order" integer,
	CONSTRAINT "task_template_step_template_pkey" PRIMARY KEY("task_template_id","step_template_id"),
	CONSTRAINT "task_template_step_template_order_key" UNIQUE("task_template_id","order")
);
--> statement-breakpoint
CREATE TABLE "task_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"description" varchar(500),
	"entity_id" integer,
	"is_draft" boolean DEFAULT false NOT NULL,
	"kind" varchar(16) DEFAULT 'task' NOT NULL,
	"expected_minutes" integer DEFAULT 30 NOT NULL,
	"lineage_id" integer,
	"revision" integer DEFAULT 1 NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "task_templates_lineage_revision_key" UNIQUE("lineage_id","revision"),
	CONSTRAINT "task_templates_kind_check" CHECK (kind in ('task','exam')),
	CONSTRAINT "task_templates_expected_minutes_check" CHECK ("task_templates"."expected_minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "milestones" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"description" varchar(500) NOT NULL,
	"project_id" integer,
	"milestone_template_id" bigint,
	"start_date" date,
	"end_date" date,
	"expected_hours" numeric(7, 2) NOT NULL,
	"status_id" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "milestones_dates_check" CHECK ("milestones"."end_date" is null or "milestones"."start_date" is null or "milestones"."end_date" >= "milestones"."start_date"),
	CONSTRAINT "milestones_expected_hours_check" CHECK ("milestones"."expected_hours" >= 0)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"description" varchar(500),
	"status_id" integer,
	"entity_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"project_template_id" integer,
	"onboardee_id" integer,
	"start_date" date,
	"due_date" date,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "projects_dates_check" CHECK ("projects"."due_date" is null or "projects"."start_date" is null or "projects"."due_date" >= "projects"."start_date")
);
--> statement-breakpoint
CREATE TABLE "task_assignee" (
	"task_id" integer NOT NULL,
	"assignee_id" integer NOT NULL,
	"role" varchar(16) DEFAULT 'owner' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_assignee_pkey" PRIMARY KEY("task_id","assignee_id"),
	CONSTRAINT "task_assignee_role_check" CHECK (role in ('owner','helper','reviewer'))
);
--> statement-breakpoint
CREATE TABLE "task_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"step_template_id" integer,
	"position" integer NOT NULL,
	"name" varchar(100) NOT NULL,
	"kind" varchar(16) NOT NULL,
	"status_id" integer,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "task_steps_task_position_key" UNIQUE("task_id","position"),
	CONSTRAINT "task_steps_kind_check" CHECK (kind in ('instruction','checklist','quiz','submission'))
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(100) NOT NULL,
	"description" varchar(500),
	"status_id" integer,
	"task_template_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"due_date" timestamp with time zone,
	"project_id" integer,
	"milestone_id" integer,
	"entity_id" integer,
	"kind" varchar(16) DEFAULT 'task' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"expected_minutes" integer DEFAULT 30 NOT NULL,
	"actual_minutes" numeric(10, 2),
	"created_by" integer,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"completed_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "tasks_kind_check" CHECK (kind in ('task','exam')),
	CONSTRAINT "tasks_expected_minutes_check" CHECK ("tasks"."expected_minutes" > 0),
	CONSTRAINT "tasks_actual_minutes_check" CHECK ("tasks"."actual_minutes" is null or "tasks"."actual_minutes" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tasks_parent_task" (
	"task_id" integer NOT NULL,
	"parent_task_id" integer NOT NULL,
	CONSTRAINT "tasks_parent_task_pkey" PRIMARY KEY("task_id","parent_task_id"),
	CONSTRAINT "tasks_parent_task_not_self" CHECK ("tasks_parent_task"."task_id" <> "tasks_parent_task"."parent_task_id")
);
--> statement-breakpoint
CREATE TABLE "checklist_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"checklist_id" integer NOT NULL,
	"assignee_id" integer,
	"status_id" integer,
	"title" varchar(200) NOT NULL,
	"position" integer NOT NULL,
	"requires_validation" boolean DEFAULT false NOT NULL,
	"completed_by" integer,
	"completed_at" timestamp with time zone,
	"validated_by" integer,
	"validated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "checklist_items_checklist_position_key" UNIQUE("checklist_id","position")
);
--> statement-breakpoint
CREATE TABLE "checklists" (
	"id" serial PRIMARY KEY NOT NULL,
	"status_id" integer,
	"is_completed" boolean NOT NULL,
	"task_id" integer,
	"task_step_id" integer,
	"name" varchar(100) NOT NULL,
	"mode" varchar(16) DEFAULT 'parallel' NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "checklists_mode_check" CHECK (mode in ('sequential','parallel'))
);
--> statement-breakpoint
CREATE TABLE "exam_attempts" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"task_step_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"attempt_no" integer NOT NULL,
	"question_order" jsonb NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deadline_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"task_result_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_attempts_step_user_attempt_key" UNIQUE("task_step_id","user_id","attempt_no")
);
--> statement-breakpoint
CREATE TABLE "submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer NOT NULL,
	"task_step_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"body" text,
	"url" varchar(2048),
	"state" varchar(16) DEFAULT 'submitted' NOT NULL,
	"reviewer_id" integer,
	"score" numeric(6, 4),
	"technical_rating" integer,
	"private_feedback_enc" text,
	"public_feedback" text,
	"reviewed_at" timestamp with time zone,
	"task_result_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "submissions_state_check" CHECK (state in ('submitted','reviewed','returned')),
	CONSTRAINT "submissions_rating_check" CHECK ("submissions"."technical_rating" is null or "submissions"."technical_rating" between 1 and 5),
	CONSTRAINT "submissions_score_check" CHECK ("submissions"."score" is null or "submissions"."score" between 0 and 1),
	CONSTRAINT "submissions_content_check" CHECK ("submissions"."body" is not null or "submissions"."url" is not null)
);
--> statement-breakpoint
CREATE TABLE "task_results" (
	"id" serial PRIMARY KEY NOT NULL,
	"task_id" integer,
	"performance_metrics" jsonb,
	"user_id" integer,
	"task_step_id" integer,
	"attempt" integer DEFAULT 1 NOT NULL,
	"score" numeric(6, 4),
	"passed" boolean,
	"graded_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_results_score_check" CHECK ("task_results"."score" is null or "task_results"."score" between 0 and 1)
);
--> statement-breakpoint
CREATE TABLE "task_request" (
	"id" serial PRIMARY KEY NOT NULL,
	"status_id" integer,
	"approval_required" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" integer,
	"title" varchar(100) NOT NULL,
	"description" varchar(500),
	"task_template_id" integer,
	"entity_id" integer,
	"project_id" integer,
	"related_task_id" integer,
	"due_date" timestamp with time zone,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" varchar(500),
	"created_task_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "task_request_assignee" (
	"task_request_id" integer NOT NULL,
	"assignee_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "task_request_assignee_pkey" PRIMARY KEY("task_request_id","assignee_id")
);
--> statement-breakpoint
CREATE TABLE "reports" (
	"id" serial PRIMARY KEY NOT NULL,
	"entity_id" integer NOT NULL,
	"created_by" integer,
	"scope_type" varchar(32) NOT NULL,
	"scope_id" integer NOT NULL,
	"period_start" date,
	"period_end" date,
	"metrics" jsonb NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reports_scope_type_check" CHECK (scope_type in ('user','team','entity','profession','project_template')),
	CONSTRAINT "reports_period_check" CHECK ("reports"."period_end" is null or "reports"."period_start" is null or "reports"."period_end" >= "reports"."period_start")
);
--> statement-breakpoint
CREATE TABLE "specializations" (
	"id" serial PRIMARY KEY NOT NULL,
	"profession_id" integer NOT NULL,
	"level" varchar(16) NOT NULL,
	"name" varchar(100) NOT NULL,
	"description" varchar(500),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "specializations_profession_level_key" UNIQUE("profession_id","level"),
	CONSTRAINT "specializations_level_check" CHECK (level in ('beginner','intermediate','advanced'))
);
--> statement-breakpoint
CREATE TABLE "user_scores" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"entity_id" integer NOT NULL,
	"assigned_tasks" integer DEFAULT 0 NOT NULL,
	"completed_tasks" integer DEFAULT 0 NOT NULL,
	"helped_tasks" integer DEFAULT 0 NOT NULL,
	"actual_minutes" numeric(14, 2) DEFAULT 0 NOT NULL,
	"expected_minutes" numeric(14, 2) DEFAULT 0 NOT NULL,
	"correct_answers" integer DEFAULT 0 NOT NULL,
	"total_questions" integer DEFAULT 0 NOT NULL,
	"rating_sum" integer DEFAULT 0 NOT NULL,
	"rating_count" integer DEFAULT 0 NOT NULL,
	"completed_projects" integer DEFAULT 0 NOT NULL,
	"passed_milestone_tests" integer DEFAULT 0 NOT NULL,
	"overdue_tasks" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_scores_nonnegative_check" CHECK ("user_scores"."assigned_tasks" >= 0 and "user_scores"."completed_tasks" >= 0 and "user_scores"."helped_tasks" >= 0 and "user_scores"."correct_answers" >= 0 and "user_scores"."total_questions" >= 0 and "user_scores"."rating_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "user_specializations" (
	"user_id" integer NOT NULL,
	"specialization_id" integer NOT NULL,
	"unlocked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes" varchar(1000),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_specializations_pkey" PRIMARY KEY("user_id","specialization_id")
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"name" varchar(100) NOT NULL,
	"token_hash" varchar(64) NOT NULL,
	"prefix" varchar(16) NOT NULL,
	"scopes" text[] NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "api_tokens_token_hash_key" UNIQUE("token_hash"),
	CONSTRAINT "api_tokens_scopes_check" CHECK (scopes <@ array['read','write','admin']::text[] and cardinality(scopes) > 0)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_id" integer,
	"action" varchar(16) NOT NULL,
	"table_name" varchar(63) NOT NULL,
	"row_key" varchar(200) NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"request_id" varchar(64),
	"ip" varchar(64),
	"prev_hash" varchar(64),
	"hash" varchar(64) NOT NULL,
	CONSTRAINT "audit_log_action_check" CHECK (action in ('insert','update','delete'))
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"type" varchar(64) NOT NULL,
	"entity_id" integer,
	"user_id" integer,
	"project_id" integer,
	"actor_id" integer,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" integer NOT NULL,
	"key" varchar(255) NOT NULL,
	"method" varchar(8) NOT NULL,
	"path" varchar(500) NOT NULL,
	"request_hash" varchar(64) NOT NULL,
	"status_code" smallint,
	"response_body" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" varchar(255) PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_parent_id_entities_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_root_id_entities_id_fk" FOREIGN KEY ("root_id") REFERENCES "public"."entities"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "entities" ADD CONSTRAINT "entities_default_language_id_languages_id_fk" FOREIGN KEY ("default_language_id") REFERENCES "public"."languages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "professions" ADD CONSTRAINT "professions_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_profession_id_professions_id_fk" FOREIGN KEY ("profession_id") REFERENCES "public"."professions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_language_id_languages_id_fk" FOREIGN KEY ("language_id") REFERENCES "public"."languages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_acknowledgements" ADD CONSTRAINT "guide_acknowledgements_guide_id_guides_id_fk" FOREIGN KEY ("guide_id") REFERENCES "public"."guides"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_acknowledgements" ADD CONSTRAINT "guide_acknowledgements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_acknowledgements" ADD CONSTRAINT "guide_acknowledgements_language_id_languages_id_fk" FOREIGN KEY ("language_id") REFERENCES "public"."languages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_translations" ADD CONSTRAINT "guide_translations_guide_id_guides_id_fk" FOREIGN KEY ("guide_id") REFERENCES "public"."guides"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guide_translations" ADD CONSTRAINT "guide_translations_language_id_languages_id_fk" FOREIGN KEY ("language_id") REFERENCES "public"."languages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guideables" ADD CONSTRAINT "guideables_guide_id_guides_id_fk" FOREIGN KEY ("guide_id") REFERENCES "public"."guides"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guides" ADD CONSTRAINT "guides_format_id_formats_id_fk" FOREIGN KEY ("format_id") REFERENCES "public"."formats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guides" ADD CONSTRAINT "guides_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guides" ADD CONSTRAINT "guides_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_template_task_template" ADD CONSTRAINT "milestone_template_task_template_milestone_template_id_milestone_templates_id_fk" FOREIGN KEY ("milestone_template_id") REFERENCES "public"."milestone_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_template_task_template" ADD CONSTRAINT "milestone_template_task_template_task_template_id_task_templates_id_fk" FOREIGN KEY ("task_template_id") REFERENCES "public"."task_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_templates" ADD CONSTRAINT "milestone_templates_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_templates" ADD CONSTRAINT "milestone_templates_lineage_id_milestone_templates_id_fk" FOREIGN KEY ("lineage_id") REFERENCES "public"."milestone_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestone_templates" ADD CONSTRAINT "milestone_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_template_milestone_template" ADD CONSTRAINT "project_template_milestone_template_project_template_id_project_templates_id_fk" FOREIGN KEY ("project_template_id") REFERENCES "public"."project_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_template_milestone_template" ADD CONSTRAINT "project_template_milestone_template_milestone_template_id_milestone_templates_id_fk" FOREIGN KEY ("milestone_template_id") REFERENCES "public"."milestone_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_templates" ADD CONSTRAINT "project_templates_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_templates" ADD CONSTRAINT "project_templates_profession_id_professions_id_fk" FOREIGN KEY ("profession_id") REFERENCES "public"."professions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_templates" ADD CONSTRAINT "project_templates_lineage_id_project_templates_id_fk" FOREIGN KEY ("lineage_id") REFERENCES "public"."project_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_templates" ADD CONSTRAINT "project_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_templates" ADD CONSTRAINT "step_templates_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_templates" ADD CONSTRAINT "step_templates_lineage_id_step_templates_id_fk" FOREIGN KEY ("lineage_id") REFERENCES "public"."step_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "step_templates" ADD CONSTRAINT "step_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_temp_parent_task_temp" ADD CONSTRAINT "task_temp_parent_task_temp_task_template_id_task_templates_id_fk" FOREIGN KEY ("task_template_id") REFERENCES "public"."task_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_temp_parent_task_temp" ADD CONSTRAINT "task_temp_parent_task_temp_parent_task_template_id_task_templates_id_fk" FOREIGN KEY ("parent_task_template_id") REFERENCES "public"."task_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_template_profession" ADD CONSTRAINT "task_template_profession_task_template_id_task_templates_id_fk" FOREIGN KEY ("task_template_id") REFERENCES "public"."task_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_template_profession" ADD CONSTRAINT "task_template_profession_profession_id_professions_id_fk" FOREIGN KEY ("profession_id") REFERENCES "public"."professions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_template_step_template" ADD CONSTRAINT "task_template_step_template_task_template_id_task_templates_id_fk" FOREIGN KEY ("task_template_id") REFERENCES "public"."task_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_template_step_template" ADD CONSTRAINT "task_template_step_template_step_template_id_step_templates_id_fk" FOREIGN KEY ("step_template_id") REFERENCES "public"."step_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_templates" ADD CONSTRAINT "task_templates_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_templates" ADD CONSTRAINT "task_templates_lineage_id_task_templates_id_fk" FOREIGN KEY ("lineage_id") REFERENCES "public"."task_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_templates" ADD CONSTRAINT "task_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_milestone_template_id_milestone_templates_id_fk" FOREIGN KEY ("milestone_template_id") REFERENCES "public"."milestone_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "milestones" ADD CONSTRAINT "milestones_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_project_template_id_project_templates_id_fk" FOREIGN KEY ("project_template_id") REFERENCES "public"."project_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_onboardee_id_users_id_fk" FOREIGN KEY ("onboardee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignee" ADD CONSTRAINT "task_assignee_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_assignee" ADD CONSTRAINT "task_assignee_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_steps" ADD CONSTRAINT "task_steps_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_steps" ADD CONSTRAINT "task_steps_step_template_id_step_templates_id_fk" FOREIGN KEY ("step_template_id") REFERENCES "public"."step_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_steps" ADD CONSTRAINT "task_steps_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_steps" ADD CONSTRAINT "task_steps_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_task_template_id_task_templates_id_fk" FOREIGN KEY ("task_template_id") REFERENCES "public"."task_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_milestone_id_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks_parent_task" ADD CONSTRAINT "tasks_parent_task_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks_parent_task" ADD CONSTRAINT "tasks_parent_task_parent_task_id_tasks_id_fk" FOREIGN KEY ("parent_task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_checklist_id_checklists_id_fk" FOREIGN KEY ("checklist_id") REFERENCES "public"."checklists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklist_items" ADD CONSTRAINT "checklist_items_validated_by_users_id_fk" FOREIGN KEY ("validated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklists" ADD CONSTRAINT "checklists_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklists" ADD CONSTRAINT "checklists_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklists" ADD CONSTRAINT "checklists_task_step_id_task_steps_id_fk" FOREIGN KEY ("task_step_id") REFERENCES "public"."task_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checklists" ADD CONSTRAINT "checklists_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_task_step_id_task_steps_id_fk" FOREIGN KEY ("task_step_id") REFERENCES "public"."task_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_task_result_id_task_results_id_fk" FOREIGN KEY ("task_result_id") REFERENCES "public"."task_results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_task_step_id_task_steps_id_fk" FOREIGN KEY ("task_step_id") REFERENCES "public"."task_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_task_result_id_task_results_id_fk" FOREIGN KEY ("task_result_id") REFERENCES "public"."task_results"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_results" ADD CONSTRAINT "task_results_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_results" ADD CONSTRAINT "task_results_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_results" ADD CONSTRAINT "task_results_task_step_id_task_steps_id_fk" FOREIGN KEY ("task_step_id") REFERENCES "public"."task_steps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_results" ADD CONSTRAINT "task_results_graded_by_users_id_fk" FOREIGN KEY ("graded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_request" ADD CONSTRAINT "task_request_status_id_statuses_id_fk" FOREIGN KEY ("status_id") REFERENCES "public"."statuses"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_request" ADD CONSTRAINT "task_request_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_request" ADD CONSTRAINT "task_request_task_template_id_task_templates_id_fk" FOREIGN KEY ("task_template_id") REFERENCES "public"."task_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_request" ADD CONSTRAINT "task_request_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_request" ADD CONSTRAINT "task_request_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_request" ADD CONSTRAINT "task_request_related_task_id_tasks_id_fk" FOREIGN KEY ("related_task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_request" ADD CONSTRAINT "task_request_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_request" ADD CONSTRAINT "task_request_created_task_id_tasks_id_fk" FOREIGN KEY ("created_task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_request_assignee" ADD CONSTRAINT "task_request_assignee_task_request_id_task_request_id_fk" FOREIGN KEY ("task_request_id") REFERENCES "public"."task_request"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "task_request_assignee" ADD CONSTRAINT "task_request_assignee_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reports" ADD CONSTRAINT "reports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specializations" ADD CONSTRAINT "specializations_profession_id_professions_id_fk" FOREIGN KEY ("profession_id") REFERENCES "public"."professions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_scores" ADD CONSTRAINT "user_scores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_scores" ADD CONSTRAINT "user_scores_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_specializations" ADD CONSTRAINT "user_specializations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_specializations" ADD CONSTRAINT "user_specializations_specialization_id_specializations_id_fk" FOREIGN KEY ("specialization_id") REFERENCES "public"."specializations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_entity_id_entities_id_fk" FOREIGN KEY ("entity_id") REFERENCES "public"."entities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "entities_parent_id_idx" ON "entities" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "entities_root_id_idx" ON "entities" USING btree ("root_id");--> statement-breakpoint
CREATE INDEX "entities_default_language_id_idx" ON "entities" USING btree ("default_language_id");--> statement-breakpoint
CREATE INDEX "entities_path_idx" ON "entities" USING btree ("path" varchar_pattern_ops);--> statement-breakpoint
CREATE INDEX "professions_entity_id_idx" ON "professions" USING btree ("entity_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_entity_id_idx" ON "users" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "users_manager_id_idx" ON "users" USING btree ("manager_id");--> statement-breakpoint
CREATE INDEX "users_profession_id_idx" ON "users" USING btree ("profession_id");--> statement-breakpoint
CREATE INDEX "users_language_id_idx" ON "users" USING btree ("language_id");--> statement-breakpoint
CREATE INDEX "guide_acknowledgements_user_id_idx" ON "guide_acknowledgements" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "guide_acknowledgements_language_id_idx" ON "guide_acknowledgements" USING btree ("language_id");--> statement-breakpoint
CREATE INDEX "guide_translations_language_id_idx" ON "guide_translations" USING btree ("language_id");--> statement-breakpoint
CREATE INDEX "guideables_guideable_idx" ON "guideables" USING btree ("guideable_type","guideable_id");--> statement-breakpoint
CREATE INDEX "guides_format_id_idx" ON "guides" USING btree ("format_id");--> statement-breakpoint
CREATE INDEX "guides_entity_id_idx" ON "guides" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "guides_created_by_idx" ON "guides" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "milestone_template_task_template_task_template_id_idx" ON "milestone_template_task_template" USING btree ("task_template_id");--> statement-breakpoint
CREATE INDEX "milestone_templates_entity_id_idx" ON "milestone_templates" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "milestone_templates_lineage_id_idx" ON "milestone_templates" USING btree ("lineage_id");--> statement-breakpoint
CREATE INDEX "milestone_templates_created_by_idx" ON "milestone_templates" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "project_template_milestone_template_milestone_template_id_idx" ON "project_template_milestone_template" USING btree ("milestone_template_id");--> statement-breakpoint
CREATE INDEX "project_templates_entity_id_idx" ON "project_templates" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "project_templates_profession_id_idx" ON "project_templates" USING btree ("profession_id");--> statement-breakpoint
CREATE INDEX "project_templates_lineage_id_idx" ON "project_templates" USING btree ("lineage_id");--> statement-breakpoint
CREATE INDEX "project_templates_created_by_idx" ON "project_templates" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "step_templates_entity_id_idx" ON "step_templates" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "step_templates_lineage_id_idx" ON "step_templates" USING btree ("lineage_id");--> statement-breakpoint
CREATE INDEX "step_templates_created_by_idx" ON "step_templates" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "task_temp_parent_task_temp_parent_task_template_id_idx" ON "task_temp_parent_task_temp" USING btree ("parent_task_template_id");--> statement-breakpoint
CREATE INDEX "task_template_profession_profession_id_idx" ON "task_template_profession" USING btree ("profession_id");--> statement-breakpoint
CREATE INDEX "task_template_step_template_step_template_id_idx" ON "task_template_step_template" USING btree ("step_template_id");--> statement-breakpoint
CREATE INDEX "task_templates_entity_id_idx" ON "task_templates" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "task_templates_lineage_id_idx" ON "task_templates" USING btree ("lineage_id");--> statement-breakpoint
CREATE INDEX "task_templates_created_by_idx" ON "task_templates" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "milestones_project_id_idx" ON "milestones" USING btree ("project_id","position");--> statement-breakpoint
CREATE INDEX "milestones_milestone_template_id_idx" ON "milestones" USING btree ("milestone_template_id");--> statement-breakpoint
CREATE INDEX "milestones_status_id_idx" ON "milestones" USING btree ("status_id");--> statement-breakpoint
CREATE INDEX "projects_status_id_idx" ON "projects" USING btree ("status_id");--> statement-breakpoint
CREATE INDEX "projects_entity_id_idx" ON "projects" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "projects_created_by_idx" ON "projects" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "projects_project_template_id_idx" ON "projects" USING btree ("project_template_id");--> statement-breakpoint
CREATE INDEX "projects_onboardee_id_idx" ON "projects" USING btree ("onboardee_id");--> statement-breakpoint
CREATE INDEX "task_assignee_assignee_id_idx" ON "task_assignee" USING btree ("assignee_id","role");--> statement-breakpoint
CREATE INDEX "task_steps_step_template_id_idx" ON "task_steps" USING btree ("step_template_id");--> statement-breakpoint
CREATE INDEX "task_steps_status_id_idx" ON "task_steps" USING btree ("status_id");--> statement-breakpoint
CREATE INDEX "task_steps_completed_by_idx" ON "task_steps" USING btree ("completed_by");--> statement-breakpoint
CREATE INDEX "tasks_status_id_idx" ON "tasks" USING btree ("status_id");--> statement-breakpoint
CREATE INDEX "tasks_task_template_id_idx" ON "tasks" USING btree ("task_template_id");--> statement-breakpoint
CREATE INDEX "tasks_project_id_idx" ON "tasks" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "tasks_milestone_id_idx" ON "tasks" USING btree ("milestone_id","position");--> statement-breakpoint
CREATE INDEX "tasks_entity_id_idx" ON "tasks" USING btree ("entity_id","due_date");--> statement-breakpoint
CREATE INDEX "tasks_created_by_idx" ON "tasks" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "tasks_completed_by_idx" ON "tasks" USING btree ("completed_by");--> statement-breakpoint
CREATE INDEX "tasks_parent_task_parent_task_id_idx" ON "tasks_parent_task" USING btree ("parent_task_id");--> statement-breakpoint
CREATE INDEX "checklist_items_assignee_id_idx" ON "checklist_items" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "checklist_items_status_id_idx" ON "checklist_items" USING btree ("status_id");--> statement-breakpoint
CREATE INDEX "checklist_items_completed_by_idx" ON "checklist_items" USING btree ("completed_by");--> statement-breakpoint
CREATE INDEX "checklist_items_validated_by_idx" ON "checklist_items" USING btree ("validated_by");--> statement-breakpoint
CREATE INDEX "checklists_status_id_idx" ON "checklists" USING btree ("status_id");--> statement-breakpoint
CREATE INDEX "checklists_task_id_idx" ON "checklists" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "checklists_task_step_id_idx" ON "checklists" USING btree ("task_step_id");--> statement-breakpoint
CREATE INDEX "checklists_completed_by_idx" ON "checklists" USING btree ("completed_by");--> statement-breakpoint
CREATE INDEX "exam_attempts_task_id_idx" ON "exam_attempts" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "exam_attempts_user_id_idx" ON "exam_attempts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "exam_attempts_task_result_id_idx" ON "exam_attempts" USING btree ("task_result_id");--> statement-breakpoint
CREATE INDEX "submissions_task_id_idx" ON "submissions" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "submissions_task_step_id_idx" ON "submissions" USING btree ("task_step_id");--> statement-breakpoint
CREATE INDEX "submissions_user_id_idx" ON "submissions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "submissions_reviewer_id_idx" ON "submissions" USING btree ("reviewer_id");--> statement-breakpoint
CREATE INDEX "submissions_task_result_id_idx" ON "submissions" USING btree ("task_result_id");--> statement-breakpoint
CREATE INDEX "task_results_task_id_idx" ON "task_results" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "task_results_user_id_idx" ON "task_results" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "task_results_task_step_id_idx" ON "task_results" USING btree ("task_step_id");--> statement-breakpoint
CREATE INDEX "task_results_graded_by_idx" ON "task_results" USING btree ("graded_by");--> statement-breakpoint
CREATE INDEX "task_request_status_id_idx" ON "task_request" USING btree ("status_id");--> statement-breakpoint
CREATE INDEX "task_request_created_by_idx" ON "task_request" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "task_request_task_template_id_idx" ON "task_request" USING btree ("task_template_id");--> statement-breakpoint
CREATE INDEX "task_request_entity_id_idx" ON "task_request" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "task_request_project_id_idx" ON "task_request" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "task_request_related_task_id_idx" ON "task_request" USING btree ("related_task_id");--> statement-breakpoint
CREATE INDEX "task_request_decided_by_idx" ON "task_request" USING btree ("decided_by");--> statement-breakpoint
CREATE INDEX "task_request_created_task_id_idx" ON "task_request" USING btree ("created_task_id");--> statement-breakpoint
CREATE INDEX "task_request_assignee_assignee_id_idx" ON "task_request_assignee" USING btree ("assignee_id");--> statement-breakpoint
CREATE INDEX "reports_entity_id_idx" ON "reports" USING btree ("entity_id","created_at");--> statement-breakpoint
CREATE INDEX "reports_created_by_idx" ON "reports" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "user_scores_entity_id_idx" ON "user_scores" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "user_specializations_specialization_id_idx" ON "user_specializations" USING btree ("specialization_id");--> statement-breakpoint
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_id_idx" ON "audit_log" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_log_table_row_idx" ON "audit_log" USING btree ("table_name","row_key");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "events_entity_id_idx" ON "events" USING btree ("entity_id");--> statement-breakpoint
CREATE INDEX "events_user_id_idx" ON "events" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "events_actor_id_idx" ON "events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "events_project_id_idx" ON "events" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "events_created_at_idx" ON "events" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys" USING btree ("expires_at");