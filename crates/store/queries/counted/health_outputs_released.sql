SELECT o.decided_at AS at
FROM health_outputs o
WHERE o.status = 'released'
