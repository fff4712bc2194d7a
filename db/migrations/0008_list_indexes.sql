-- 0008: the sender's list of referrals starts from the sender's own rows
-- (and from the cases the sender is responsible for) instead of scanning
-- every referral.
CREATE INDEX referral_created_by ON referral(created_by);
