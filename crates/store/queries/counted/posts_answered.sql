SELECT p.created_at AS at
FROM posts p
WHERE EXISTS (
  SELECT 1 FROM post_interests i WHERE i.post_id = p.id AND i.user_id <> p.author_id
)
