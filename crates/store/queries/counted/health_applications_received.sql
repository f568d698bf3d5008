SELECT h.submitted_at AS at
FROM health_applications h
WHERE h.submitted_at IS NOT NULL
