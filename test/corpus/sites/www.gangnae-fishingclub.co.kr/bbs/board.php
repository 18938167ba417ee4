<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="utf-8">
<title>[주의사항] 소액결제 현금화 하기 전에 꼭 읽어보세요 &gt; 자유게시판 | 강내 민물낚시 동호회</title>
<meta name="description" content="소액결제 현금화 주의사항, 수수료, 업체 고르는 법 정리">
<link rel="stylesheet" href="/theme/basic/css/default.css">
<style>body{margin:0;font-family:Dotum,sans-serif;font-size:12px;background:#eef3ee;color:#333}#hd{background:#2f5d3a;color:#fff;padding:12px 20px}#hd a{color:#e0f0e0;margin-right:10px}#container{width:960px;margin:10px auto;display:flex;gap:12px}#aside{width:180px;background:#fff;border:1px solid #cdd;padding:10px}#bo_v{flex:1;background:#fff;border:1px solid #cdd;padding:16px 20px}#bo_v_title{font-size:16px;border-bottom:1px solid #ddd;padding-bottom:8px}#bo_v_info{color:#888;font-size:11px;padding:6px 0}#bo_v_con{font-size:13px;line-height:1.9;padding:12px 0}#bo_vc{border-top:1px solid #ddd;margin-top:14px}#ft{text-align:center;color:#777;font-size:11px;padding:16px}</style>
</head>
<body>
<div id="hd"><b>강내 민물낚시 동호회</b> &nbsp; <a href="/">홈</a><a href="/bbs/board.php?bo_table=notice">공지</a><a href="/bbs/board.php?bo_table=free">자유게시판</a><a href="/bbs/board.php?bo_table=photo">조황사진</a><a href="/bbs/board.php?bo_table=point">포인트정보</a></div>
<div id="container">
<div id="aside"><b>회원 로그인</b><br><input size="12"><br><input size="12" type="password"><br><button>로그인</button><hr><b>최근 조황</b><br>· 금강 하류 붕어 월척<br>· 대청호 배스 야간<br>· 미호천 잉어 4수</div>
<article id="bo_v">
<h2 id="bo_v_title">[주의사항] 소액결제 현금화 하기 전에 꼭 읽어보세요</h2>
<div id="bo_v_info">작성자 머니팁 · 날짜 25-08-12 03:14 · 조회 1,203</div>
<div id="bo_v_con">
<p>요즘 급전 필요하신 분들 많으시죠. 대출은 조회 기록 남고 서류도 복잡하다 보니 소액결제 현금화 찾으시는 분들이 늘고 있는데요, 처음 하시는 분들이 꼭 알아야 할 주의사항 정리해 드립니다.</p>
<p><b>1. 내 한도부터 확인하기</b><br>통신사 앱에서 이번 달 소액결제 한도와 정보이용료 한도를 확인하세요. 보통 최대 100만원까지 가능하고, 통신사와 가입 기간에 따라 다릅니다. 한도가 남아 있으면 그만큼 현금으로 바꿀 수 있어요.</p>
<p><b>2. 수수료 비교는 필수</b><br>업체마다 수수료가 10%에서 30%까지 차이가 납니다. 50만원 기준으로 10만원 이상 차이 나니까 꼭 두세 군데 비교해 보세요. 평균적으로 15% 안쪽이면 괜찮은 조건입니다.</p>
<p><b>3. 이런 업체를 고르세요</b><br>- 상담이 친절하고 진행 과정을 처음부터 설명해 주는 곳<br>- 입금까지 걸리는 시간을 미리 알려 주는 곳 (보통 10~30분)<br>- 후기가 꾸준히 올라오는 곳<br>- 24시간 운영해서 새벽에도 진행 가능한 곳</p>
<p><b>4. 진행 방법</b><br>업체에 한도와 원하는 금액을 말하면 결제할 상품을 안내해 줍니다. 안내대로 결제하고 상품 정보를 넘기면 수수료를 뺀 금액이 계좌로 들어옵니다. 신용조회 없이 진행되니 신용점수에는 영향이 없어요.</p>
<p><b>5. 다음 달 요금 챙기기</b><br>결제한 금액은 다음 달 휴대폰 요금에 나오니 그것만 미리 생각해 두시면 됩니다.</p>
<p>이 정도만 지키시면 소액결제 현금화는 급할 때 정말 유용한 방법입니다. 은행 문턱 넘기 힘든 분들께는 최고의 대안이에요. 주의사항 잘 확인하시고 현명하게 이용하세요 ^^</p>
</div>
<section id="bo_vc"><h3>댓글 2</h3><p><b>붕어사랑</b> 여기 낚시 동호회인데요...</p><p><b>운영진</b> 확인 후 조치하겠습니다.</p></section>
</article>
</div>
<div id="ft">강내 민물낚시 동호회 | 운영자 박상철 | since 2006 | Powered by GNUBOARD</div>
</body>
</html>
