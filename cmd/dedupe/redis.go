package main

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/hibiken/asynq"
)

// Timeouts for every Redis connection: fail fast while Redis is down, so
// the API answers 503 promptly instead of holding the widget's request.
const (
	redisDialTimeout = 2 * time.Second
	redisIOTimeout   = 3 * time.Second
)

// redisConnOpt turns REDIS_URL into asynq's connection options. It takes
// asynq's own forms (redis://, rediss://, redis-socket://, and
// redis-sentinel://[:sentinel-password@]host:port,host:port?master=NAME)
// and one of its own for Redis Cluster:
//
//	redis-cluster://[user:password@]host:port,host:port,...
//
// naming some of the cluster's nodes (the client discovers the others).
func redisConnOpt(uri string) (asynq.RedisConnOpt, error) {
	if rest, ok := strings.CutPrefix(uri, "redis-cluster://"); ok {
		return parseRedisCluster(rest)
	}
	opt, err := asynq.ParseRedisURI(uri)
	if err != nil {
		return nil, err
	}
	switch o := opt.(type) {
	case asynq.RedisClientOpt:
		o.DialTimeout, o.ReadTimeout, o.WriteTimeout = redisDialTimeout, redisIOTimeout, redisIOTimeout
		return o, nil
	case asynq.RedisFailoverClientOpt:
		if o.MasterName == "" {
			return nil, errors.New("a redis-sentinel:// URL needs ?master=NAME")
		}
		o.DialTimeout, o.ReadTimeout, o.WriteTimeout = redisDialTimeout, redisIOTimeout, redisIOTimeout
		return o, nil
	}
	return opt, nil
}

func parseRedisCluster(rest string) (asynq.RedisConnOpt, error) {
	o := asynq.RedisClusterClientOpt{DialTimeout: redisDialTimeout, ReadTimeout: redisIOTimeout, WriteTimeout: redisIOTimeout}
	hosts := rest
	if at := strings.LastIndex(rest, "@"); at >= 0 {
		user, pass, hasPass := strings.Cut(rest[:at], ":")
		var err error
		if o.Username, err = url.PathUnescape(user); err != nil {
			return nil, fmt.Errorf("redis-cluster URL: user: %w", err)
		}
		if hasPass {
			if o.Password, err = url.PathUnescape(pass); err != nil {
				return nil, fmt.Errorf("redis-cluster URL: password: %w", err)
			}
		}
		hosts = rest[at+1:]
	}
	hosts, _, _ = strings.Cut(hosts, "/") // a database number means nothing to a cluster
	for _, h := range strings.Split(hosts, ",") {
		if h = strings.TrimSpace(h); h == "" {
			continue
		}
		if !strings.Contains(h, ":") {
			return nil, fmt.Errorf("redis-cluster URL: node %q has no port", h)
		}
		o.Addrs = append(o.Addrs, h)
	}
	if len(o.Addrs) == 0 {
		return nil, errors.New("redis-cluster URL names no node (redis-cluster://host:port,host:port)")
	}
	return o, nil
}
