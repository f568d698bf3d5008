SELECT r.closed_at AS at, r.company_id AS who
FROM access_requests r
JOIN actors a ON a.id = r.company_id
WHERE r.status = 'completed' AND r.closed_at IS NOT NULL AND a.kind = 'company_sme'
