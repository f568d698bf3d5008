SELECT s.starts_at AS at
FROM meeting_requests m
JOIN matchmaking_slots s ON s.id = m.slot_id
WHERE m.state = 'accepted' AND s.ends_at <= $1
