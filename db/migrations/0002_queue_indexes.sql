-- 0002: the supervisor's and the desk's queues read their units' cases in
-- order of receipt; without these they sort every open case per page.
CREATE INDEX case_unit_received ON case_file(unit_id, received, id);
CREATE INDEX case_worker_received ON case_file(caseworker_id, received);
