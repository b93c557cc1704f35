# Wrong: pinned base, numeric USER, exec-form CMD and no ENV password, but one stage that copies the whole context
# and deletes the secrets afterwards. The COPY layer still holds .env, id_rsa and build.sh.
FROM registry.registry.svc.cluster.local:5000/library/busybox:1.37
ENV API_VERSION=2.0
WORKDIR /app
COPY . /app
RUN sh build.sh / && rm -f /app/.env /app/id_rsa /app/build.sh /app/Dockerfile
USER 10001:10001
EXPOSE 8080
CMD ["httpd", "-f", "-p", "8080", "-h", "/srv/www"]
