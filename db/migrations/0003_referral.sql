-- 0003: referrals between units and individual plans (issue 4).
-- The tables came with 0001; this adds what the screens read by and the
-- two facts 0001 had no column for: why a sender withdrew a referral
-- (kept apart from the receiver's answer), and which caseworker took the
-- case when the housing forum moved the responsibility.

ALTER TABLE referral ADD COLUMN withdraw_reason TEXT;
ALTER TABLE forum_item ADD COLUMN resp_staff_id INTEGER REFERENCES staff(id);

-- the sender's list: referrals from my units
CREATE INDEX referral_from ON referral(from_unit_id, status);
CREATE INDEX referral_creator ON referral(created_by, status);
CREATE INDEX referral_message_ref ON referral_message(referral_id, id);
-- the forum's agenda: open items first
CREATE INDEX forum_item_open ON forum_item(concluded_at, raised_at);
CREATE INDEX forum_item_referral ON forum_item(referral_id);
-- a deadline closed by what it belongs to (a referral, a plan)
CREATE INDEX deadline_ref ON deadline(kind, ref_id, done_at);
CREATE INDEX plan_participant_plan ON plan_participant(plan_id);
CREATE INDEX plan_participant_staff ON plan_participant(staff_id);
CREATE INDEX plan_measure_plan ON plan_measure(plan_id);
CREATE INDEX plan_coordinator ON plan(coordinator_id, status);
