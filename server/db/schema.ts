/**
 * Kysely table types. Both dialects store the same shapes: text UUIDv7 ids, ISO-8601 UTC text
 * timestamps, integer 0/1 booleans, JSON as text, money as integer micro-dollars.
 */
export type UsersTable = {
  id: string;
  username: string;
  email: string | null;
  password_hash: string;
  role: 'admin' | 'learner';
  is_child: number;
  is_owner: number;
  disabled: number;
  created_at: string;
  updated_at: string;
};

export type ProfilesTable = {
  user_id: string;
  native_language: string | null;
  daily_goal_minutes: number;
  correction_policy: string;
  explanation_language: string;
  preferred_persona: string | null;
  /** JSON: VoiceSettings */
  voice_json: string;
  onboarded_at: string | null;
  updated_at: string;
};

export type UserLanguagesTable = {
  user_id: string;
  language: string;
  level: string;
  position: number;
  created_at: string;
};

export type SessionsTable = {
  /** sha256 of the cookie token: a leaked database does not hand out live sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  user_agent: string | null;
};

export type SettingsTable = {
  key: string;
  /** JSON */
  value: string;
  updated_at: string;
};

export type Database = {
  users: UsersTable;
  profiles: ProfilesTable;
  user_languages: UserLanguagesTable;
  sessions: SessionsTable;
  settings: SettingsTable;
};
