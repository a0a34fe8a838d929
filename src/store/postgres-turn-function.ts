// The PostgreSQL server function that commits one turn (created by migration 0006_turn_function).
// It does what KyselyStore.commitTurn does statement by statement, in one call: the inbound id, the
// conversation under its version check, the job the turn carried out, the effects in order, the outbox.
// Results: 'committed', or 'duplicate' / 'conflict' decided before anything is written, so one statement
// can commit many turns and a refused one leaves nothing behind. The one race that can only show after a
// write (the same message recorded by another process meanwhile) raises, rolling the whole statement back.

/** The SQLSTATE it raises when the inbound message was recorded by another turn after it began. */
export const TURN_DUPLICATE = 'GP208';

export const TURN_FUNCTION = `
create or replace function gp_commit_turn(
  p_key text, p_expected integer, p_snapshot text, p_content_version text, p_replied boolean,
  p_consent_at text, p_consent_version text, p_time_zone text, p_reminder_time text, p_now text,
  p_inbound_id text, p_job_kind text, p_job_due text, p_effects json,
  p_outbox_id text, p_outbox_replies text, p_claimed_by text, p_lease_end text
) returns text language plpgsql as $fn$
declare
  v_version integer := p_expected + 1;
  e json;
begin
  if p_inbound_id is not null then
    perform 1 from inbound_ids where conversation_key = p_key and inbound_id = p_inbound_id;
    if found then return 'duplicate'; end if;
  end if;
  if p_expected = 0 then
    insert into conversations (key, snapshot, content_version, version, replied_version, consent_at, consent_version,
      time_zone, reminder_time, created_at, updated_at)
    values (p_key, p_snapshot, p_content_version, v_version, case when p_replied then v_version else 0 end, p_consent_at,
      p_consent_version, p_time_zone, p_reminder_time, p_now, p_now)
    on conflict (key) do nothing;
  else
    update conversations set snapshot = p_snapshot, content_version = p_content_version, version = v_version,
      replied_version = case when p_replied then v_version else replied_version end, consent_at = p_consent_at,
      consent_version = p_consent_version, time_zone = p_time_zone, reminder_time = p_reminder_time, updated_at = p_now
    where key = p_key and version = p_expected;
  end if;
  -- The first write, and it wrote nothing: the turn was computed from an older version.
  if not found then return 'conflict'; end if;
  if p_inbound_id is not null then
    insert into inbound_ids (conversation_key, inbound_id, created_at) values (p_key, p_inbound_id, p_now) on conflict do nothing;
    if not found then
      raise exception 'inbound message recorded meanwhile' using errcode = '${TURN_DUPLICATE}';
    end if;
  end if;
  if p_job_kind is not null then
    delete from jobs where conversation_key = p_key and kind = p_job_kind and due_at = p_job_due;
  end if;
  for e in select value from json_array_elements(p_effects) loop
    case e->>'kind'
      when 'savePractice' then
        insert into practice_log (conversation_key, session_key, day, step, dilator_size, pain_during, pain_after, pain_next_day, created_at)
        values (p_key, e->>'sessionKey', e->>'day', (e->>'step')::integer, (e->>'dilatorSize')::integer, (e->>'painDuring')::integer,
          (e->>'painAfter')::integer, (e->>'painNextDay')::integer, p_now)
        on conflict (conversation_key, session_key) do update set pain_during = excluded.pain_during, pain_after = excluded.pain_after;
      when 'setNextDay' then
        update practice_log set pain_next_day = (e->>'value')::integer where conversation_key = p_key and day = e->>'day';
      when 'saveJournal' then
        insert into journal (conversation_key, day, text, created_at) values (p_key, e->>'day', e->>'text', p_now);
      when 'schedule' then
        insert into jobs (conversation_key, kind, due_at, status, attempts, claimed_until, last_error, claimed_by)
        values (p_key, e->>'job', e->>'dueAt', 'pending', 0, null, null, null)
        on conflict (conversation_key, kind) do update set due_at = excluded.due_at, status = 'pending', attempts = 0,
          claimed_until = null, last_error = null, claimed_by = null;
      when 'cancel' then
        delete from jobs where conversation_key = p_key and kind = e->>'job';
      else
        raise exception 'unknown effect %', e->>'kind';
    end case;
  end loop;
  if p_outbox_id is not null then
    insert into outbox (id, conversation_key, replies, created_at, status, attempts, last_error, version, delivered, claimed_by, next_attempt_at)
    values (p_outbox_id, p_key, p_outbox_replies, p_now, 'pending', 0, null, v_version, 0, p_claimed_by, p_lease_end);
  end if;
  return 'committed';
end
$fn$;
`;
